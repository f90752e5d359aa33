package uk.mash.notify.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import uk.mash.notify.NotifyFixtures;
import uk.mash.platform.testing.ServiceDatabase;

/**
 * The referrals operations must chase, read from the clocks' own times: the sweep's at-risk and breach events may
 * not have got out (the broker down is when operations look), and the list must not read empty then.
 */
class SlaClockOpenReferralsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    /** Monday morning: due by 17:00 on Tuesday, and at risk from 13:00, two hours before {@link #NOW}. */
    private static final Instant RECEIVED_THE_DAY_BEFORE = Instant.parse("2026-11-23T10:00:00Z");

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private static SlaClock clock;

    @BeforeAll
    static void buildSlaClock() {
        clock = NotifyFixtures.slaClock(database.jdbc());
    }

    @Test
    void referralsAtRiskOrPastTheirDeadlineAreListedWhetherOrNotTheirEventsGotOut() {
        UUID breached = clockWith(NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(1)));
        UUID atRisk = clockWith(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(3)));
        UUID onTime = clockWith(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(5)));

        assertThat(clock.openAtRiskOrBreached(NOW))
                .as("the most overdue first; a referral not yet at risk is not listed")
                .extracting(OpenSlaReferral::referralId, OpenSlaReferral::status)
                .containsExactly(tuple(breached, "BREACHED"), tuple(atRisk, "AT_RISK"))
                .doesNotContain(tuple(onTime, "AT_RISK"));
    }

    @Test
    void aProvisionalOutcomeWaitingForAMashWorkerIsChasedWithTheMashNotTheChannels() {
        UUID referralId = UUID.randomUUID();

        clock.outcomeIssued(outcome(referralId, 1, true));

        assertThat(stageOf(referralId)).isEqualTo(SlaStage.AWAITING_MASH_DECISION);
    }

    @Test
    void theWorkersDecisionMovesTheStageOnAndALateCopyOfTheProvisionalOutcomeDoesNotMoveItBack() {
        UUID referralId = UUID.randomUUID();
        clock.outcomesIssued(List.of(outcome(referralId, 1, true)));

        clock.outcomesIssued(List.of(outcome(referralId, 2, false)));
        clock.outcomeIssued(outcome(referralId, 1, true));

        assertThat(stageOf(referralId)).isEqualTo(SlaStage.AWAITING_NOTIFICATION);
    }

    @Test
    void withBothVersionsInOnePollTheLaterSaysWhomTheReferralWaitsOn() {
        UUID referralId = UUID.randomUUID();

        clock.outcomesIssued(List.of(outcome(referralId, 2, false), outcome(referralId, 1, true)));

        assertThat(stageOf(referralId)).isEqualTo(SlaStage.AWAITING_NOTIFICATION);
    }

    @Test
    void noOutcomeYetIsWaitingForTheMashOutcome() {
        UUID referralId = UUID.randomUUID();

        database.transaction().executeWithoutResult(status -> clock.started(referralId, RECEIVED_THE_DAY_BEFORE));

        assertThat(stageOf(referralId)).isEqualTo(SlaStage.AWAITING_OUTCOME);
    }

    private static SlaClock.IssuedOutcome outcome(UUID referralId, int version, boolean awaitingMashDecision) {
        return new SlaClock.IssuedOutcome(referralId, RECEIVED_THE_DAY_BEFORE, RECEIVED_THE_DAY_BEFORE.plusSeconds(5),
                null, version, awaitingMashDecision);
    }

    private static SlaStage stageOf(UUID referralId) {
        return clock.openAtRiskOrBreached(NOW).stream().filter(open -> open.referralId().equals(referralId))
                .map(OpenSlaReferral::stage).findFirst().orElseThrow();
    }

    /** A referral not yet told, whose sweep events were never published (no emitted times). */
    private static UUID clockWith(Instant atRiskAt, Instant deadline) {
        UUID referralId = UUID.randomUUID();
        database.jdbc().update("insert into sla_clock (referral_id, received_at, at_risk_at, deadline) "
                + "values (?, ?, ?, ?)", referralId, Timestamp.from(atRiskAt.minus(Duration.ofHours(4))),
                Timestamp.from(atRiskAt), Timestamp.from(deadline));
        return referralId;
    }
}
