package uk.mash.harness.report;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL server's memory over a run: its processes' proportional set size now, and the largest seen
 * by a look every 5 s (the kernel keeps no peak of it, as it does of a process's resident set). A look reads every
 * process's {@code smaps_rollup}, which walks its page tables, shared buffers included: about 40 ms of CPU for the
 * stack's 47 processes, 1% of the two cores at a look every 2 s, taken from the pipeline it measures.
 */
public final class DatabaseMemory implements AutoCloseable {

    private static final long INTERVAL_SECONDS = 5;

    private final DatabaseProcesses database;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "database-memory-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private long peakKiB;

    /** @param postgresDataDirectory the embedded PostgreSQL server's data directory */
    public DatabaseMemory(Path postgresDataDirectory) {
        this.database = new DatabaseProcesses(postgresDataDirectory);
    }

    public DatabaseMemory start() {
        sampler.scheduleAtFixedRate(this::nowKiB, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    public long nowMiB() {
        return nowKiB() / 1024;
    }

    public synchronized long peakMiB() {
        return peakKiB / 1024;
    }

    private synchronized long nowKiB() {
        long kib = database.proportionalSetKiB();
        peakKiB = Math.max(peakKiB, kib);
        return kib;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
