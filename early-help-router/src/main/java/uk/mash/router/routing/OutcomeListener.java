package uk.mash.router.routing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * MASH outcomes in; routed and withdrawn cases, case registry changes and unroutable outcomes out, in the same Kafka
 * transaction as the consumed offset.
 */
@Component
class OutcomeListener {

    private final CaseRouter router;
    private final KafkaTemplate<String, Object> kafka;
    private final TopicCatalogue topics;

    OutcomeListener(CaseRouter router, KafkaTemplate<String, Object> kafka, TopicCatalogue topics) {
        this.router = router;
        this.kafka = kafka;
        this.topics = topics;
    }

    public String topic() {
        return topics.triageOutcomes();
    }

    @KafkaListener(topics = "#{__listener.topic()}")
    void onOutcome(ConsumerRecord<String, TriageOutcomeIssued> record) {
        router.route(record.value(), record.partition(), record.offset())
                .forEach(out -> kafka.send(out.toProducerRecord()));
    }
}
