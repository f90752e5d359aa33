package uk.mash.notify.sla;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import uk.mash.events.ReferralReceived;
import uk.mash.platform.topics.TopicCatalogue;

/** Starts the SLA clock of each accepted referral at its receipt. */
@Component
class SlaListener {

    private final SlaClock clock;
    private final TopicCatalogue topics;

    SlaListener(SlaClock clock, TopicCatalogue topics) {
        this.clock = clock;
        this.topics = topics;
    }

    public TopicCatalogue topics() {
        return topics;
    }

    @KafkaListener(topics = "#{__listener.topics().received()}")
    @Transactional
    void onReceived(ConsumerRecord<String, ReferralReceived> record) {
        clock.started(record.value().getReferralId(), record.value().getReceivedAt());
    }
}
