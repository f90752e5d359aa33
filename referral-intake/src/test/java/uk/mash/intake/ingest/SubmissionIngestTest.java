package uk.mash.intake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.intake.IntakeInfrastructure;
import uk.mash.intake.IntakeServiceTest;
import uk.mash.intake.Submissions;

/** Agency systems that publish on referrals.submitted.v1 retry as they please; each referral is received once. */
@IntakeServiceTest
class SubmissionIngestTest {

    @Test
    void sameSubmissionPublishedConcurrentlySeveralTimesIsReceivedOnce() {
        ReferralSubmitted submission = Submissions.aValidReferral().withAgencyReference("KAFKA-RETRY-1").build();

        CompletableFuture.allOf(IntStream.range(0, 5)
                .mapToObj(i -> CompletableFuture.runAsync(() -> IntakeInfrastructure.publish(
                        "referrals.submitted.v1", submission.getAgencyReference(), submission)))
                .toArray(CompletableFuture[]::new)).join();

        List<ReferralReceived> received = await().atMost(Duration.ofSeconds(60)).until(
                () -> receivedWithReference("KAFKA-RETRY-1"), found -> !found.isEmpty());
        assertThat(received).hasSize(1);
        assertThat(receivedWithReference("KAFKA-RETRY-1")).hasSize(1);
    }

    private static List<ReferralReceived> receivedWithReference(String agencyReference) {
        return IntakeInfrastructure.topics().<ReferralReceived>readAll("referrals.received.v1").stream()
                .map(ConsumerRecord::value)
                .filter(received -> agencyReference.equals(received.getReferral().getAgencyReference()))
                .toList();
    }
}
