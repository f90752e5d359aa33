package uk.mash.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.mash.platform.embedded.postgres.EmbeddedDatabase;

/** Over a real PostgreSQL server: what its processes used is counted after they end, as autovacuum's workers do. */
class DatabaseProcessesTest {

    @TempDir
    Path dataDirectory;

    @Test
    void cpuOfABackendThatHasEndedIsStillCounted() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory, 0)) {
            long before = new DatabaseProcesses(dataDirectory).cpuNanos();

            long backend;
            try (Connection connection = database.dataSource().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet sum = statement.executeQuery(
                            "select pg_backend_pid(), sum(i) from generate_series(1, 20000000) i")) {
                assertThat(sum.next()).isTrue();
                backend = sum.getLong(1);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ProcessHandle.of(backend).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
            long after = new DatabaseProcesses(dataDirectory).cpuNanos();

            assertThat(Duration.ofNanos(after - before))
                    .as("the ended backend's sum of twenty million numbers, a second or so of CPU")
                    .isGreaterThan(Duration.ofMillis(300));
        }
    }
}
