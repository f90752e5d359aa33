package uk.mash.harness.report;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.management.OperatingSystemMXBean;

/**
 * Samples this process's CPU time (all threads: the stack's services, broker, database client side and the harness
 * itself, which run in one JVM) every 100 ms, so that the CPU of a window known only afterwards (from the first
 * referral consumed to the last notification seen) can be read off by interpolation. PostgreSQL runs as separate
 * processes and is not counted.
 */
public final class CpuSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 100;

    private record Sample(Instant at, long cpuNanos) {
    }

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "cpu-sampler");
        thread.setDaemon(true);
        return thread;
    });

    public CpuSampler start() {
        sampler.scheduleAtFixedRate(this::takeSample, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** CPU seconds the process used between the two instants. */
    public double cpuSecondsBetween(Instant from, Instant to) {
        takeSample();
        return (cpuNanosAt(to) - cpuNanosAt(from)) / 1e9;
    }

    private synchronized void takeSample() {
        samples.add(new Sample(Instant.now(), os.getProcessCpuTime()));
    }

    private synchronized long cpuNanosAt(Instant at) {
        Sample before = samples.get(0);
        for (Sample sample : samples) {
            if (sample.at().isAfter(at)) {
                long span = epochNanos(sample.at()) - epochNanos(before.at());
                long into = Math.max(0, epochNanos(at) - epochNanos(before.at()));
                return span <= 0 ? sample.cpuNanos()
                        : before.cpuNanos() + (sample.cpuNanos() - before.cpuNanos()) * into / span;
            }
            before = sample;
        }
        return before.cpuNanos();
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
