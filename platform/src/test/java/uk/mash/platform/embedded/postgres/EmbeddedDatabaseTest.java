package uk.mash.platform.embedded.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The embedded PostgreSQL the local stack and the benchmark run on keeps what it committed. */
class EmbeddedDatabaseTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedDatabase database;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.start(dataDir, 0);
        jdbc = new JdbcTemplate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aCommitIsFlushedToDiskBeforeItReturns() {
        assertThat(setting("fsync")).isEqualTo("on");
        assertThat(setting("synchronous_commit")).as("a referral committed and then acknowledged to Kafka must "
                + "survive a crash of the database").isEqualTo("on");
    }

    @Test
    void theServicesConnectAsTheirOwnRoleToTheirDatabase() {
        assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo(EmbeddedDatabase.USER);
        assertThat(jdbc.queryForObject("select current_database()", String.class))
                .isEqualTo(EmbeddedDatabase.DATABASE);
    }

    private static String setting(String name) {
        return jdbc.queryForObject("select setting from pg_settings where name = ?", String.class, name);
    }
}
