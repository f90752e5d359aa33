package uk.mash.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import uk.mash.events.ReferrerNotified;

/**
 * Over the real broker: the notifier handles a whole poll in one Kafka and one database transaction, and a poison
 * record in the middle of that poll goes alone to the dead-letter topic while the records around it are handled
 * exactly once. The notifier is stopped while the records gather, so that its first poll after restarting fetches
 * them together: in one partition, a good outcome, bytes that are not Avro, and the same outcome again (a duplicate
 * from elsewhere, which must send nothing). The router, which would dead-letter the same bytes from its own poll, is
 * kept stopped so that the dead-letter topic holds the notifier's alone.
 */
class PollTransactionsEndToEndTest {

    private static final Duration PIPELINE = Duration.ofSeconds(90);

    @RegisterExtension
    static final LocalStackExtension running = new LocalStackExtension();

    @Test
    void poisonRecordInAPollIsDeadLetteredAloneAndTheRestOfThePollHandledOnce() {
        running.stack().stopService(PipelineService.EARLY_HELP_ROUTER);
        running.stack().stopService(PipelineService.NOTIFICATION_SERVICE);
        for (String reference : List.of("POLL-1", "POLL-2", "POLL-3")) {
            assertThat(driver().postReferral(PipelineDriver.sampleReferralJson(reference),
                    DemoClients.SCHOOL.apiKey()).statusCode()).isEqualTo(202);
        }
        List<ConsumerRecord<String, byte[]>> outcomes = await().atMost(PIPELINE)
                .until(() -> driver().readAllBytes("triage.outcomes.v1"), all -> all.size() >= 3);
        ConsumerRecord<String, byte[]> first = outcomes.get(0);
        driver().publishRawBytes("triage.outcomes.v1", first.key(), "not avro".getBytes(StandardCharsets.UTF_8));
        driver().publishRawBytes("triage.outcomes.v1", first.key(), first.value());

        running.stack().startService(PipelineService.NOTIFICATION_SERVICE);

        List<ConsumerRecord<String, byte[]>> dead = await().atMost(PIPELINE)
                .until(() -> driver().readAllBytes("triage.outcomes.v1-dlt"), records -> !records.isEmpty());
        await().atMost(PIPELINE).until(() -> notifiedReferences().keySet(),
                references -> references.containsAll(List.of("POLL-1", "POLL-2", "POLL-3")));

        assertThat(notifiedReferences()).as("each referrer told once, the duplicate sending nothing")
                .containsOnly(Map.entry("POLL-1", 1L), Map.entry("POLL-2", 1L), Map.entry("POLL-3", 1L));
        assertThat(driver().readAllBytes("triage.outcomes.v1-dlt")).hasSize(1);
        ConsumerRecord<String, byte[]> poison = dead.get(0);
        assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
        assertThat(header(poison, "kafka_dlt-original-topic")).isEqualTo("triage.outcomes.v1");
        assertThat(header(poison, "kafka_dlt-original-partition")).isNotNull();
        assertThat(header(poison, "kafka_dlt-exception-message")).isEqualTo("failed to deserialize");
    }

    private Map<String, Long> notifiedReferences() {
        return driver().<ReferrerNotified>readAll("referrer.notifications.v1").stream()
                .map(ConsumerRecord::value)
                .filter(notified -> notified.getAgencyReference().startsWith("POLL-"))
                .collect(Collectors.groupingBy(ReferrerNotified::getAgencyReference, Collectors.counting()));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static PipelineDriver driver() {
        return running.driver();
    }
}
