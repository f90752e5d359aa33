package uk.mash.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.ReferrerNotified;
import uk.mash.events.TriageOutcomeIssued;

/**
 * A service stopped and started again while referrals are flowing loses nothing and duplicates nothing: every
 * referral is received once, has one outcome, and its referrer is told once. Nor does a service whose listeners were
 * paused (as the benchmark pauses intake's to build a backlog) and resumed.
 */
class ServiceRestartEndToEndTest {

    private static final int PER_BATCH = 25;

    @RegisterExtension
    static final LocalStackExtension running = new LocalStackExtension();

    private static PipelineDriver driver() {
        return running.driver();
    }

    @ParameterizedTest
    @EnumSource(PipelineService.class)
    void restartMidStreamLosesAndDuplicatesNothing(PipelineService restarted) {
        String prefix = "RESTART-" + restarted.name() + "-";
        driver().publish(batch(prefix, 0));
        running.stack().stopService(restarted);
        driver().publish(batch(prefix, PER_BATCH));
        running.stack().startService(restarted);
        driver().publish(batch(prefix, 2 * PER_BATCH));
        int expected = 3 * PER_BATCH;

        Map<String, Long> notified = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> countBy(driver().<ReferrerNotified>readAll("referrer.notifications.v1"), prefix,
                        ReferrerNotified::getAgencyReference), counts -> counts.size() == expected);

        assertThat(notified.values()).as("each referrer told exactly once").containsOnly(1L);
        Map<String, Long> received = countBy(driver().<ReferralReceived>readAll("referrals.received.v1"), prefix,
                r -> r.getReferral().getAgencyReference());
        assertThat(received).hasSize(expected);
        assertThat(received.values()).as("each referral received exactly once").containsOnly(1L);
        Map<String, Long> outcomes = countBy(driver().<TriageOutcomeIssued>readAll("triage.outcomes.v1"), prefix,
                o -> o.getReferral().getAgencyReference());
        assertThat(outcomes).hasSize(expected);
        assertThat(outcomes.values()).as("each referral has exactly one outcome").containsOnly(1L);
    }

    @Test
    void pausedIntakeTakesNoReferralUntilResumedAndThenTakesEachOnce() throws InterruptedException {
        String prefix = "PAUSED-";
        running.stack().pauseListening(PipelineService.REFERRAL_INTAKE, Duration.ofSeconds(30));
        try {
            driver().publish(batch(prefix, 0));
            Thread.sleep(3_000);
            assertThat(countBy(driver().<ReferralReceived>readAll("referrals.received.v1"), prefix,
                    r -> r.getReferral().getAgencyReference())).as("nothing taken while paused").isEmpty();
        }
        finally {
            running.stack().resumeListening(PipelineService.REFERRAL_INTAKE);
        }

        Map<String, Long> notified = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> countBy(driver().<ReferrerNotified>readAll("referrer.notifications.v1"), prefix,
                        ReferrerNotified::getAgencyReference), counts -> counts.size() == PER_BATCH);
        assertThat(notified.values()).as("each referrer told exactly once").containsOnly(1L);
        assertThat(countBy(driver().<ReferralReceived>readAll("referrals.received.v1"), prefix,
                r -> r.getReferral().getAgencyReference()).values()).as("each referral received exactly once")
                .hasSize(PER_BATCH).containsOnly(1L);
    }

    private static ReferralSubmitted[] batch(String prefix, int from) {
        return IntStream.range(from, from + PER_BATCH)
                .mapToObj(i -> ReferralSubmissions.aReferral().withAgencyReference(prefix + i).build())
                .toArray(ReferralSubmitted[]::new);
    }

    private static <T> Map<String, Long> countBy(List<ConsumerRecord<String, T>> records, String prefix,
            Function<T, String> agencyReference) {
        return records.stream()
                .map(r -> agencyReference.apply(r.value()))
                .filter(reference -> reference.startsWith(prefix))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
