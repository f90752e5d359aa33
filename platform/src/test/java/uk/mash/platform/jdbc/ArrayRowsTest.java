package uk.mash.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A poll's rows in one statement against a real PostgreSQL (ArrayRows), and that statement undone alone when it fails
 * (TogetherOrOneByOne).
 */
class ArrayRowsTest {

    @RegisterExtension
    static final OneTableDatabase database = new OneTableDatabase("notice",
            "id uuid primary key, label text, version int, position bigint, at timestamptz, body bytea");

    private static final Instant AT = Instant.parse("2026-11-24T09:00:00.123456Z");

    private final JdbcTemplate jdbc = database.jdbc();
    private final TransactionTemplate transaction = database.transaction();
    private final ArrayRows notices = new ArrayRows("insert into notice (id, label, version, position, at, body) "
            + "select * from unnest(?::uuid[], ?::text[], ?::int[], ?::bigint[], ?::timestamptz[], ?::bytea[]) "
            + "on conflict (id) do nothing returning id", "uuid", "text", "int4", "int8", "timestamptz", "bytea");
    private final TogetherOrOneByOne together = new TogetherOrOneByOne(transaction.getTransactionManager());

    @Test
    void eachColumnGoesAsOneArrayAndTheRowsInsertedComeBack() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        List<UUID> inserted = notices.query(jdbc, List.of(notice(first, "first"), notice(second, null)), UUID.class);

        assertThat(inserted).containsExactly(first, second);
        assertThat(jdbc.queryForObject("select label || ' ' || version || ' ' || position || ' ' || "
                + "convert_from(body, 'UTF8') from notice where id = ?", String.class, first))
                .isEqualTo("first 2 42 body of first");
        assertThat(jdbc.queryForObject("select at from notice where id = ?", Timestamp.class, first).toInstant())
                .isEqualTo(AT);
        assertThat(jdbc.queryForObject("select label from notice where id = ?", String.class, second)).isNull();
    }

    @Test
    void aRowThereAlreadyOrTwiceInTheRowsIsInsertedOnceByItsFirst() {
        UUID there = UUID.randomUUID();
        UUID twice = UUID.randomUUID();
        notices.query(jdbc, List.<Object[]>of(notice(there, "before")), UUID.class);

        List<UUID> inserted = notices.query(jdbc,
                List.of(notice(there, "again"), notice(twice, "first"), notice(twice, "second")), UUID.class);

        assertThat(inserted).containsExactly(twice);
        assertThat(jdbc.queryForList("select label from notice order by label", String.class))
                .containsExactly("before", "first");
    }

    @Test
    void workThatFailsIsUndoneAloneAndTheTransactionGoesOn() {
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();

        transaction.executeWithoutResult(status -> {
            notices.query(jdbc, List.<Object[]>of(notice(before, "before")), UUID.class);
            boolean done = together.run("insert notices", 2, () -> {
                notices.query(jdbc, List.<Object[]>of(notice(UUID.randomUUID(), "undone")), UUID.class);
                jdbc.update("insert into notice (id) values (null)");
            });
            assertThat(done).isFalse();
            notices.query(jdbc, List.<Object[]>of(notice(after, "after")), UUID.class);
        });

        assertThat(jdbc.queryForList("select label from notice order by label", String.class))
                .containsExactly("after", "before");
    }

    @Test
    void aTransientFailureFailsTheWholeTransaction() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            notices.query(jdbc, List.<Object[]>of(notice(UUID.randomUUID(), "rolled back")), UUID.class);
            together.run("insert notices", 1, () -> {
                throw new QueryTimeoutException("lock timeout");
            });
        })).isInstanceOf(QueryTimeoutException.class);

        assertThat(jdbc.queryForObject("select count(*) from notice", Integer.class)).isZero();
    }

    private static Object[] notice(UUID id, String label) {
        return new Object[] {id, label, 2, 42L, Timestamp.from(AT),
            ("body of " + label).getBytes(StandardCharsets.UTF_8)};
    }
}
