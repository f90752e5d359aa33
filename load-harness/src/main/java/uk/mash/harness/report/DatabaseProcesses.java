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
 * CPU the JVM's own process CPU time does not include. The list of processes is refreshed now and then rather than
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

    /** CPU used so far by the server's live processes; what exited backends used is not counted. */
    long cpuNanos() {
        if (processes.isEmpty() || System.nanoTime() - refreshedAt > REFRESH_NANOS) {
            processes = postmaster().map(server -> Stream.concat(Stream.of(server), server.descendants()).toList())
                    .orElse(List.of());
            refreshedAt = System.nanoTime();
        }
        return processes.stream()
                .mapToLong(process -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
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
