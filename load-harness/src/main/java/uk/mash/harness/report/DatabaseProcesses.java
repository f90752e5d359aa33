package uk.mash.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded PostgreSQL server's processes (the postmaster named in {@code postmaster.pid} and its backends), whose
 * CPU and memory the JVM's own figures do not include. The list of processes is refreshed now and then rather than
 * on every sample, since walking every process on the machine is itself work.
 */
final class DatabaseProcesses {

    private static final long REFRESH_NANOS = Duration.ofSeconds(2).toNanos();

    private final Path postmasterPid;
    private List<ProcessHandle> processes = List.of();
    private long refreshedAt;

    /** @param dataDirectory PostgreSQL's data directory */
    DatabaseProcesses(Path dataDirectory) {
        this.postmasterPid = dataDirectory.resolve("postmaster.pid");
    }

    /**
     * CPU used so far by the server's processes: the live ones', and that of every process that has ended, which the
     * postmaster collects when it reaps them. Autovacuum and autoanalyze workers end after each table, so counting
     * only live processes lost their work, and the figure fell whenever one ended inside a window.
     */
    long cpuNanos() {
        long live = live().stream().mapToLong(DatabaseProcesses::cpuNanosOf).sum();
        return live + postmaster().map(DatabaseProcesses::reapedChildrenCpuNanos).orElse(0L);
    }

    /**
     * The server's memory now: the proportional set size of its processes ({@code Pss} in
     * {@code /proc/[pid]/smaps_rollup}), which counts the shared buffers every backend maps once in all rather than
     * once per backend as their resident sets would. In KiB; 0 where /proc does not tell.
     */
    long proportionalSetKiB() {
        return live().stream().mapToLong(DatabaseProcesses::proportionalSetKiBOf).sum();
    }

    private List<ProcessHandle> live() {
        if (processes.isEmpty() || System.nanoTime() - refreshedAt > REFRESH_NANOS) {
            processes = postmaster().map(server -> Stream.concat(Stream.of(server), server.descendants()).toList())
                    .orElse(List.of());
            refreshedAt = System.nanoTime();
        }
        return processes;
    }

    private static long proportionalSetKiBOf(ProcessHandle process) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(process.pid()), "smaps_rollup"))) {
            return lines.filter(line -> line.startsWith("Pss:")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).orElse(0L);
        }
        catch (IOException | RuntimeException e) {
            return 0; // the backend ended while being read
        }
    }

    /**
     * Read from the process's {@code stat} file alone: {@link ProcessHandle.Info} reads its command line and looks its
     * user up too, every time, which sampled ten times a second cost the machine more than the figure is worth.
     */
    private static long cpuNanosOf(ProcessHandle process) {
        try {
            ProcStat stat = ProcStat.read(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            return ProcStat.nanosOf(stat.userTicks() + stat.systemTicks());
        }
        catch (IOException | RuntimeException e) {
            return 0; // the backend ended while being read
        }
    }

    /** The CPU of a process's children that have ended and been waited for. */
    private static long reapedChildrenCpuNanos(ProcessHandle process) {
        try {
            return ProcStat.nanosOf(ProcStat.read(Path.of("/proc", String.valueOf(process.pid()), "stat"))
                    .reapedChildrenTicks());
        }
        catch (IOException | RuntimeException e) {
            return 0; // not Linux, or the server stopped while being read
        }
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(postmasterPid).get(0).strip()));
        }
        catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
