package uk.mash.intake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.intake.IntakeDecision;
import uk.mash.intake.IntakeServiceTest;
import uk.mash.intake.ReferralIntake;
import uk.mash.intake.Submissions;
import uk.mash.intake.store.SourcePosition;
import uk.mash.platform.serde.StoredEvents;

/**
 * A submission from Kafka over real PostgreSQL: its received event is handed to the listener's Kafka transaction, not
 * the outbox, and handed over again, the same, when the same record comes back after that transaction aborted.
 */
@IntakeServiceTest
class SubmissionFromTopicTest {

    @Autowired
    ReferralIntake intake;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void receivedEventGoesOutWithTheConsumedRecordNotThroughTheOutbox() {
        List<ReferralReceived> published = new ArrayList<>();

        IntakeDecision decision = intake.acceptFromTopic(aSubmission("TOPIC-1"), new SourcePosition(0, 9001),
                published::add);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Accepted.class,
                accepted -> assertThat(accepted.repeat()).isFalse());
        assertThat(published).singleElement().satisfies(received -> {
            assertThat(received.getReferral().getAgencyReference()).isEqualTo("TOPIC-1");
            assertThat(jdbc.queryForObject("select count(*) from outbox where event_id = ?", Long.class,
                    received.getEventId())).isZero();
        });
    }

    @Test
    void sameRecordRedeliveredPublishesTheSameReceivedEventAgain() {
        ReferralSubmitted submission = aSubmission("TOPIC-REDELIVERED-1");
        List<ReferralReceived> first = new ArrayList<>();
        List<ReferralReceived> again = new ArrayList<>();
        intake.acceptFromTopic(submission, new SourcePosition(1, 42), first::add);

        IntakeDecision decision = intake.acceptFromTopic(submission, new SourcePosition(1, 42), again::add);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Accepted.class,
                accepted -> assertThat(accepted.repeat()).isTrue());
        assertThat(again).singleElement().extracting(StoredEvents::encode)
                .as("byte for byte what the aborted transaction would have sent")
                .isEqualTo(StoredEvents.encode(first.get(0)));
    }

    @Test
    void sameSubmissionFromAnotherRecordPublishesNothing() {
        ReferralSubmitted submission = aSubmission("TOPIC-RESENT-1");
        intake.acceptFromTopic(submission, new SourcePosition(2, 7), received -> { });
        List<ReferralReceived> resent = new ArrayList<>();

        IntakeDecision decision = intake.acceptFromTopic(submission, new SourcePosition(2, 8), resent::add);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Accepted.class,
                accepted -> assertThat(accepted.repeat()).isTrue());
        assertThat(resent).isEmpty();
    }

    private static ReferralSubmitted aSubmission(String agencyReference) {
        return Submissions.aValidReferral().withAgencyReference(agencyReference).build();
    }
}
