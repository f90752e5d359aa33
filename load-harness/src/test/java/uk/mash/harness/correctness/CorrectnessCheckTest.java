package uk.mash.harness.correctness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.harness.pipeline.ReferralTrace;
import uk.mash.harness.pipeline.ReferralTrace.OutcomeSeen;

class CorrectnessCheckTest {

    private final Map<String, ReferralTrace> traces = new HashMap<>();

    @Test
    void passesWhenEveryOutcomeThatStandsWasNotifiedOnceAndAProvisionalSection17WaitsForAWorker() {
        outcome("LOAD-1", 1, OutcomeType.EARLY_HELP, OutcomeStatus.CONFIRMED);
        notified("LOAD-1", 1);
        outcome("LOAD-2", 1, OutcomeType.SECTION_47_ENQUIRY, OutcomeStatus.PROVISIONAL);
        notified("LOAD-2", 1);
        outcome("LOAD-3", 1, OutcomeType.SECTION_17_ASSESSMENT, OutcomeStatus.PROVISIONAL);

        CorrectnessCheck.Verdict verdict = check("LOAD-1", "LOAD-2", "LOAD-3");

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.referrals()).isEqualTo(3);
    }

    @Test
    void failsWhenAReferrerIsToldTwice() {
        outcome("LOAD-1", 1, OutcomeType.EARLY_HELP, OutcomeStatus.CONFIRMED);
        notified("LOAD-1", 1);
        notified("LOAD-1", 1);

        assertThat(check("LOAD-1").problems()).containsExactly(
                "1 x the same notification sent more than once (e.g. LOAD-1)");
    }

    @Test
    void failsWhenAnOutcomeThatStandsWasNeverNotified() {
        outcome("LOAD-1", 1, OutcomeType.SINGLE_AGENCY, OutcomeStatus.CONFIRMED);

        assertThat(check("LOAD-1").problems()).containsExactly(
                "1 x referrer not told of an outcome that stands (e.g. LOAD-1)");
    }

    @Test
    void failsWhenAReferralHasNoOutcomeOrTwoOfTheSameVersion() {
        outcome("LOAD-2", 1, OutcomeType.RETURNED_FOR_CONSENT, OutcomeStatus.CONFIRMED);
        outcome("LOAD-2", 1, OutcomeType.RETURNED_FOR_CONSENT, OutcomeStatus.CONFIRMED);
        notified("LOAD-2", 1);

        assertThat(check("LOAD-1", "LOAD-2").problems()).containsExactly(
                "1 x no outcome issued (e.g. LOAD-1)",
                "1 x outcome version issued more than once (e.g. LOAD-2)");
    }

    @Test
    void failsWhenASubmissionWasRefusedOrARestRequestNotAccepted() {
        CorrectnessCheck check = new CorrectnessCheck();
        check.refused(Set.of("LOAD-9"));
        check.restFailures(Map.of("422", 2L));

        CorrectnessCheck.Verdict verdict = check.verdict();

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.problems()).hasSize(2);
    }

    @Test
    void countsEveryBatchCheckedAndKeepsEachBatchsProblems() {
        outcome("LOAD-1", 1, OutcomeType.EARLY_HELP, OutcomeStatus.CONFIRMED);
        notified("LOAD-1", 1);
        outcome("LOAD-2", 1, OutcomeType.SINGLE_AGENCY, OutcomeStatus.CONFIRMED);
        CorrectnessCheck check = new CorrectnessCheck();

        check.referrals(List.of("LOAD-1"), traces::get);
        check.referrals(List.of("LOAD-2", "LOAD-3"), traces::get);

        CorrectnessCheck.Verdict verdict = check.verdict();
        assertThat(verdict.referrals()).isEqualTo(3);
        assertThat(verdict.problems()).containsExactly(
                "1 x referrer not told of an outcome that stands (e.g. LOAD-2)",
                "1 x no outcome issued (e.g. LOAD-3)");
    }

    @Test
    void failsWhenAReferralIsSeenAgainAfterItWasCheckedAndLetGo() {
        outcome("LOAD-1", 1, OutcomeType.EARLY_HELP, OutcomeStatus.CONFIRMED);
        notified("LOAD-1", 1);
        CorrectnessCheck check = new CorrectnessCheck();
        check.referrals(List.of("LOAD-1"), traces::get);

        check.seenAfterCheck(Set.of("LOAD-1"));

        assertThat(check.verdict().problems()).containsExactly(
                "1 x outcome or notification seen again after the referral was checked (e.g. LOAD-1)");
    }

    private CorrectnessCheck.Verdict check(String... references) {
        CorrectnessCheck check = new CorrectnessCheck();
        check.referrals(List.of(references), traces::get);
        return check.verdict();
    }

    private void outcome(String reference, int version, OutcomeType outcome, OutcomeStatus status) {
        traces.computeIfAbsent(reference, r -> new ReferralTrace())
                .outcome(new OutcomeSeen(version, outcome, status), Instant.now(), System.nanoTime(), Instant.now());
    }

    private void notified(String reference, int version) {
        traces.computeIfAbsent(reference, r -> new ReferralTrace())
                .notified(reference + ":v" + version + ":EVENT", version, System.nanoTime(), Instant.now());
    }
}
