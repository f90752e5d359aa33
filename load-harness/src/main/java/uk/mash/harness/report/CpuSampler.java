package uk.mash.harness.report;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import com.sun.management.OperatingSystemMXBean;

/**
 * Samples CPU time every 100 ms, so that the CPU of a window known only afterwards (from the first referral consumed
 * to the last notification seen) can be read off by interpolation: this JVM's process CPU time (every thread: the
 * four services, the broker, the registry and the harness itself share it) and, apart, the embedded PostgreSQL
 * server's processes.
 */
public final class CpuSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 100;

    private record Sample(Instant at, long cpuNanos, long databaseCpuNanos) {
    }

    /** CPU seconds of a window: the JVM's, and PostgreSQL's processes'. */
    public record CpuUse(double jvmSeconds, double databaseSeconds) {
    }

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<Sample> samples = new ArrayList<>();
    private final DatabaseProcesses database;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "cpu-sampler");
        thread.setDaemon(true);
        return thread;
    });

    /** @param postgresDataDirectory the embedded PostgreSQL server's data directory */
    public CpuSampler(Path postgresDataDirectory) {
        this.database = new DatabaseProcesses(postgresDataDirectory);
    }

    public CpuSampler start() {
        sampler.scheduleAtFixedRate(this::takeSample, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** CPU used between the two instants. */
    public CpuUse between(Instant from, Instant to) {
        takeSample();
        return new CpuUse((at(to, Sample::cpuNanos) - at(from, Sample::cpuNanos)) / 1e9,
                (at(to, Sample::databaseCpuNanos) - at(from, Sample::databaseCpuNanos)) / 1e9);
    }

    private synchronized void takeSample() {
        samples.add(new Sample(Instant.now(), os.getProcessCpuTime(), database.cpuNanos()));
    }

    private synchronized long at(Instant at, ToLongFunction<Sample> cpu) {
        Sample before = samples.get(0);
        for (Sample sample : samples) {
            if (sample.at().isAfter(at)) {
                long span = epochNanos(sample.at()) - epochNanos(before.at());
                long into = Math.max(0, epochNanos(at) - epochNanos(before.at()));
                return span <= 0 ? cpu.applyAsLong(sample)
                        : cpu.applyAsLong(before) + (cpu.applyAsLong(sample) - cpu.applyAsLong(before)) * into / span;
            }
            before = sample;
        }
        return cpu.applyAsLong(before);
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
