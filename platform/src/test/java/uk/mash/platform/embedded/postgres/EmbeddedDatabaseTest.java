package uk.mash.platform.embedded.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

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
    void statementStatisticsAreOffUntilTurnedOnByAReloadAndThenCountTheServicesStatements() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(setting("pg_stat_statements.track")).isEqualTo("none"));
        JdbcTemplate dba = new JdbcTemplate(database.superuserDataSource());
        dba.execute("create extension if not exists pg_stat_statements");
        dba.execute("alter system set pg_stat_statements.track = 'top'");
        dba.execute("select pg_reload_conf()");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            jdbc.queryForObject("select 'counted' as by_the_services_role", String.class);
            assertThat(dba.queryForObject("select coalesce(sum(calls), 0) from pg_stat_statements "
                    + "where query like '%by_the_services_role%'", Long.class)).isPositive();
        });
        dba.execute("alter system set pg_stat_statements.track = 'none'");
        dba.execute("select pg_reload_conf()");
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
