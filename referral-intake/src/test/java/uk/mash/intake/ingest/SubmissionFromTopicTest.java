package uk.mash.intake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.intake.IntakeDecision;
import uk.mash.intake.IntakeServiceTest;
import uk.mash.intake.ReferralIntake;
import uk.mash.intake.Submissions;
import uk.mash.intake.store.SourcePosition;
import uk.mash.intake.validation.Violation;
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

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void receivedEventGoesOutWithTheConsumedRecordNotThroughTheOutbox() {
        List<ReferralReceived> published = new ArrayList<>();

        IntakeDecision decision = intake.acceptFromTopic(aSubmission("TOPIC-1"), new SourcePosition(0, 9001),
                published::add);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Accepted.class,
                accepted -> assertThat(accepted.repeat()).isFalse());
        assertThat(published).singleElement().satisfies(received -> {
            assertThat(received.getReferral().getAgencyReference()).isEqualTo("TOPIC-1");
            assertThat(received.getReferralId().version()).as("time-ordered, as every index keyed by it expects")
                    .isEqualTo(7);
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

    @Test
    void differentSubmissionUnderAnAgencyReferenceAlreadyUsedIsRefusedNamingItAndPublishesNothing() {
        intake.acceptFromTopic(aSubmission("TOPIC-REUSED-1"), new SourcePosition(2, 20), received -> { });
        ReferralSubmitted different = Submissions.aValidReferral().withAgencyReference("TOPIC-REUSED-1")
                .withNatureOfConcern("A different concern, sent under the first referral's reference.").build();
        List<ReferralReceived> published = new ArrayList<>();

        IntakeDecision decision = intake.acceptFromTopic(different, new SourcePosition(2, 21), published::add);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Conflicting.class,
                conflicting -> assertThat(conflicting.violations()).extracting(Violation::code, Violation::field)
                        .containsExactly(tuple("ALREADY_USED", "agencyReference")));
        assertThat(published).isEmpty();
    }

    @Test
    void sameSubmissionSentAgainLaterFromAnotherRecordIsARepeat() {
        ReferralSubmitted first = aSubmission("TOPIC-LATER-1");
        intake.acceptFromTopic(first, new SourcePosition(2, 30), received -> { });
        ReferralSubmitted later = aSubmission("TOPIC-LATER-1");
        later.setSubmittedAt(first.getSubmittedAt().plusSeconds(600));

        IntakeDecision decision = intake.acceptFromTopic(later, new SourcePosition(2, 31), received -> { });

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Accepted.class,
                accepted -> assertThat(accepted.repeat()).isTrue());
    }

    @Test
    void differentSubmissionLaterInThePollUnderTheSameAgencyReferenceIsRefused() {
        Map<SourcePosition, ReferralSubmitted> poll = new LinkedHashMap<>();
        poll.put(new SourcePosition(0, 700), aSubmission("TOPIC-POLL-REUSED-1"));
        poll.put(new SourcePosition(0, 701), Submissions.aValidReferral().withAgencyReference("TOPIC-POLL-REUSED-1")
                .withNatureOfConcern("A different concern in the same poll.").build());

        HandledPoll handled = handleTogether(poll);

        assertThat(handled.decisions().get(0)).isInstanceOf(IntakeDecision.Accepted.class);
        assertThat(handled.decisions().get(1)).isInstanceOfSatisfying(IntakeDecision.Conflicting.class,
                conflicting -> assertThat(conflicting.violations()).extracting(Violation::field)
                        .containsExactly("agencyReference"));
        assertThat(handled.published().get(new SourcePosition(0, 701))).isEmpty();
    }

    @Test
    void aPollIsStoredTogetherAndEachSubmissionDecidedAsOnItsOwn() {
        ReferralSubmitted once = aSubmission("TOPIC-POLL-1");
        ReferralSubmitted invalid = Submissions.aValidReferral().withAgencyReference("TOPIC-POLL-2").withoutChild()
                .build();
        Map<SourcePosition, ReferralSubmitted> poll = new LinkedHashMap<>();
        poll.put(new SourcePosition(0, 500), once);
        poll.put(new SourcePosition(0, 501), once);
        poll.put(new SourcePosition(0, 502), invalid);

        HandledPoll handled = handleTogether(poll);

        List<IntakeDecision> decisions = handled.decisions();
        assertThat(decisions.get(0)).isInstanceOfSatisfying(IntakeDecision.Accepted.class,
                accepted -> assertThat(accepted.repeat()).isFalse());
        assertThat(decisions.get(1)).as("the same submission from the next record is a repeat")
                .isInstanceOfSatisfying(IntakeDecision.Accepted.class,
                        accepted -> assertThat(accepted.repeat()).isTrue());
        assertThat(decisions.get(2)).isInstanceOfSatisfying(IntakeDecision.Refused.class,
                refused -> assertThat(refused.violations()).isNotEmpty());
        assertThat(handled.published().get(new SourcePosition(0, 500))).hasSize(1);
        assertThat(handled.published().get(new SourcePosition(0, 501))).isEmpty();
        assertThat(referralsWithReference("TOPIC-POLL-1")).isEqualTo(1);
    }

    @Test
    void aPollThatCannotBeStoredTogetherIsStoredOneSubmissionAtATime() {
        jdbc.execute("create function one_row_at_a_time() returns trigger language plpgsql as $$ begin "
                + "if (select count(*) from added) > 1 then raise exception 'one row at a time'; end if; "
                + "return null; end $$");
        jdbc.execute("create trigger one_row_at_a_time after insert on referral referencing new table as added "
                + "for each statement execute function one_row_at_a_time()");
        try {
            Map<SourcePosition, ReferralSubmitted> poll = new LinkedHashMap<>();
            poll.put(new SourcePosition(1, 600), aSubmission("TOPIC-ALONE-1"));
            poll.put(new SourcePosition(1, 601), aSubmission("TOPIC-ALONE-2"));

            HandledPoll handled = handleTogether(poll);

            assertThat(handled.decisions()).allSatisfy(decision -> assertThat(decision)
                    .isInstanceOfSatisfying(IntakeDecision.Accepted.class,
                            accepted -> assertThat(accepted.repeat()).isFalse()));
            assertThat(handled.published().values()).allSatisfy(events -> assertThat(events).hasSize(1));
            assertThat(referralsWithReference("TOPIC-ALONE-1")).isEqualTo(1);
            assertThat(referralsWithReference("TOPIC-ALONE-2")).isEqualTo(1);
        }
        finally {
            jdbc.execute("drop trigger one_row_at_a_time on referral");
            jdbc.execute("drop function one_row_at_a_time");
        }
    }

    /** As the listener does with a poll: stored together, then each accepted in turn, in one transaction. */
    private HandledPoll handleTogether(Map<SourcePosition, ReferralSubmitted> poll) {
        Map<SourcePosition, List<ReferralReceived>> published = new LinkedHashMap<>();
        List<IntakeDecision> decisions = new ArrayList<>();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            intake.storeTogether(poll);
            poll.forEach((source, submission) -> {
                List<ReferralReceived> events = new ArrayList<>();
                decisions.add(intake.acceptFromTopic(submission, source, events::add));
                published.put(source, events);
            });
        });
        return new HandledPoll(decisions, published);
    }

    private int referralsWithReference(String agencyReference) {
        return jdbc.queryForObject("select count(*) from referral where agency_reference = ?", Integer.class,
                agencyReference);
    }

    /** Each submission's decision in poll order, and the received events each record handed to Kafka. */
    private record HandledPoll(List<IntakeDecision> decisions, Map<SourcePosition, List<ReferralReceived>> published) {
    }

    private static ReferralSubmitted aSubmission(String agencyReference) {
        return Submissions.aValidReferral().withAgencyReference(agencyReference).build();
    }
}
