package uk.mash.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.NotificationChannel;
import uk.mash.notify.NotifyFixtures;
import uk.mash.platform.testing.ServiceDatabase;

/** The messages operations must tell another way: refused by their destination, and not replaced since. */
class RefusedMessagesListedTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:02:00Z");

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private static Deliveries deliveries;

    @BeforeAll
    static void connectDeliveries() {
        deliveries = new Deliveries(database.jdbc(), JsonMapper.builder().build(), NotifyFixtures.settings(Map.of()),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void onlyRefusedMessagesNoLaterOutcomeReplacedAreListedWithWhyTheEarliestFirst() {
        UUID refusedLater = message("WEBHOOK", "undeliverable_at", NOW.minus(Duration.ofMinutes(5)), "HTTP 410");
        UUID refusedFirst = message("EMAIL", "undeliverable_at", NOW.minus(Duration.ofHours(1)), "550 no such user");
        message("EMAIL", "delivered_at", NOW.minus(Duration.ofMinutes(1)), null);
        UUID replaced = message("EMAIL", "undeliverable_at", NOW.minus(Duration.ofHours(2)), "550 no such user");
        database.jdbc().update("update delivery set superseded_at = ? where referral_id = ?", Timestamp.from(NOW),
                replaced);

        assertThat(deliveries.undeliverable(10))
                .extracting(Deliveries.RefusedMessage::referralId, Deliveries.RefusedMessage::channel,
                        Deliveries.RefusedMessage::reason)
                .containsExactly(tuple(refusedFirst, NotificationChannel.EMAIL, "550 no such user"),
                        tuple(refusedLater, NotificationChannel.WEBHOOK, "HTTP 410"));
        assertThat(deliveries.undeliverableCount()).isEqualTo(2);
    }

    private static UUID message(String channel, String column, Instant at, String reason) {
        UUID referralId = UUID.randomUUID();
        database.jdbc().update("insert into delivery (notification_id, referral_id, agency_code, channel, destination, "
                + "payload, created_at, next_attempt_at, " + column + ", last_error) values (?, ?, 'SCHOOL-0001', ?, "
                + "'safeguarding-lead@school.example', '{}', ?, ?, ?, ?)", referralId + ":v1:" + channel, referralId,
                channel, Timestamp.from(at), Timestamp.from(at), Timestamp.from(at), reason);
        return referralId;
    }
}
