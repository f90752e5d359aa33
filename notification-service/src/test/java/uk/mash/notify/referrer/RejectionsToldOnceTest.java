package uk.mash.notify.referrer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.ReferralRejected;
import uk.mash.events.ReferrerNotified;
import uk.mash.events.RejectionReason;
import uk.mash.notify.NotifyFixtures;
import uk.mash.notify.NotifySettings;
import uk.mash.notify.NotifySettings.AgencyChannels;
import uk.mash.notify.delivery.Deliveries;
import uk.mash.notify.referrer.ReferrerNotifier.Source;
import uk.mash.notify.sla.SlaClock;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.testing.ServiceDatabase;

/**
 * A rejection is told once by its event id: a submission republished from its dead-letter topic and dead-lettered
 * again is rejected again by intake under the same event id (from where it first failed), at a new position on
 * referrals.rejected.v1 and at a later time, and its referrer is not told a second time on any channel.
 */
class RejectionsToldOnceTest {

    private static final String EMAILED_AGENCY = "SCHOOL-0001";
    private static final Instant NOW = Instant.parse("2026-11-24T09:02:00Z");
    private static final NotifySettings SETTINGS = NotifyFixtures.settings(Map.of(
            EMAILED_AGENCY, new AgencyChannels("safeguarding-lead@school.example", null, null, null, false)));

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private static ReferrerNotifier notifier;

    @BeforeAll
    static void startNotifier() {
        JdbcTemplate jdbc = database.jdbc();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        notifier = new ReferrerNotifier(jdbc, new AuditTrail(jdbc, clock), SETTINGS, clock, new SimpleMeterRegistry(),
                new Deliveries(jdbc, JsonMapper.builder().build(), SETTINGS, clock),
                new SlaClock(jdbc, NotifyFixtures.weekdaysWithoutBankHolidays(), SETTINGS, new SimpleMeterRegistry()),
                database.transaction().getTransactionManager());
    }

    @Test
    void aRejectionDeadLetteredAgainUnderTheSameEventIdIsNotToldAgain() {
        UUID eventId = UUID.randomUUID();

        Optional<ReferrerNotified> told = handle(unreadable(eventId, NOW.minusSeconds(3_600)),
                new Source("referrals.rejected.v1", 0, 10));
        Optional<ReferrerNotified> toldAgain = handle(unreadable(eventId, NOW),
                new Source("referrals.rejected.v1", 1, 52));

        assertThat(told).isPresent();
        assertThat(toldAgain).as("nothing published again").isEmpty();
        assertThat(database.jdbc().queryForList("select channel from delivery where notification_id like ?",
                String.class, "rejected:" + eventId + ":%")).as("emailed once").containsExactly("EMAIL");
        assertThat(database.jdbc().queryForObject("select count(*) from notification where notification_id like ?",
                Long.class, "rejected:" + eventId + ":%")).isEqualTo(1);
    }

    private static Optional<ReferrerNotified> handle(ReferralRejected rejected, Source source) {
        return database.transaction().execute(status -> notifier.onRejection(rejected, source));
    }

    private static ReferralRejected unreadable(UUID eventId, Instant rejectedAt) {
        return ReferralRejected.newBuilder()
                .setEventId(eventId)
                .setRejectedAt(rejectedAt)
                .setAgencyCode(EMAILED_AGENCY)
                .setAgencyReference("SCH-UNREADABLE-1")
                .setLocalAuthority("peterborough")
                .setReasons(List.of(new RejectionReason("UNREADABLE", null, "the MASH could not read it: it is not "
                        + "Avro in the Confluent wire format. Send the referral again.")))
                .setSubmission(null)
                .build();
    }
}
