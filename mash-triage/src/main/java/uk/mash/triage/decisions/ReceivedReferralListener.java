package uk.mash.triage.decisions;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import uk.mash.events.ReferralReceived;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.platform.kafka.PlatformKafkaAutoConfiguration;
import uk.mash.platform.kafka.PollTransaction;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Received referrals in; outcomes and tasks out, in the same Kafka transaction as the consumed offsets: one Kafka and
 * one database transaction per poll.
 */
@Component
class ReceivedReferralListener {

    private final ReferralTriage triage;
    private final KafkaTemplate<String, Object> kafka;
    private final TopicCatalogue topics;
    private final PollTransaction poll;

    ReceivedReferralListener(ReferralTriage triage, KafkaTemplate<String, Object> kafka, TopicCatalogue topics,
            PollTransaction poll) {
        this.triage = triage;
        this.poll = poll;
        this.kafka = kafka;
        this.topics = topics;
    }

    public String topic() {
        return topics.received();
    }

    @KafkaListener(topics = "#{__listener.topic()}",
            containerFactory = PlatformKafkaAutoConfiguration.POLL_TRANSACTIONS)
    void onReceived(List<ConsumerRecord<String, ReferralReceived>> records) {
        poll.forEach(records, triage::prepare, this::triage);
    }

    private void triage(ConsumerRecord<String, ReferralReceived> record) {
        TriageEvents events = triage.triage(record.value(), record.partition(), record.offset());
        for (TriageOutcomeIssued outcome : events.outcomes()) {
            kafka.send(topics.triageOutcomes(), outcome.getReferralId().toString(), outcome);
        }
        for (TriageTaskCreated task : events.tasks()) {
            kafka.send(topics.triageTasks(), task.getReferralId().toString(), task);
        }
    }
}
