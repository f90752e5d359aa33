package uk.mash.router.routing;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.kafka.PlatformKafkaAutoConfiguration;
import uk.mash.platform.kafka.PollTransaction;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * MASH outcomes in; routed and withdrawn cases, case registry changes and unroutable outcomes out, in the same Kafka
 * transaction as the consumed offsets: one Kafka and one database transaction per poll.
 */
@Component
class OutcomeListener {

    private final CaseRouter router;
    private final KafkaTemplate<String, Object> kafka;
    private final TopicCatalogue topics;
    private final PollTransaction poll;

    OutcomeListener(CaseRouter router, KafkaTemplate<String, Object> kafka, TopicCatalogue topics,
            PollTransaction poll) {
        this.router = router;
        this.poll = poll;
        this.kafka = kafka;
        this.topics = topics;
    }

    public String topic() {
        return topics.triageOutcomes();
    }

    @KafkaListener(topics = "#{__listener.topic()}",
            containerFactory = PlatformKafkaAutoConfiguration.POLL_TRANSACTIONS)
    void onOutcomes(List<ConsumerRecord<String, TriageOutcomeIssued>> records) {
        poll.forEach(records, handled -> router.prepare(handled.stream().map(ConsumerRecord::value).toList()),
                record -> router.route(record.value(), record.partition(), record.offset())
                        .forEach(out -> kafka.send(out.toProducerRecord())));
    }
}
