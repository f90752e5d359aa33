package uk.mash.notify.sla;

import java.util.List;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import uk.mash.platform.kafka.PlatformKafkaAutoConfiguration;
import uk.mash.platform.kafka.PollTransaction;
import uk.mash.platform.topics.TopicCatalogue;

/** Starts the SLA clock of each accepted referral at its receipt. */
@Component
class SlaListener {

    private final SlaClock clock;
    private final TopicCatalogue topics;
    private final PollTransaction poll;

    SlaListener(SlaClock clock, TopicCatalogue topics, PollTransaction poll) {
        this.clock = clock;
        this.poll = poll;
        this.topics = topics;
    }

    public TopicCatalogue topics() {
        return topics;
    }

    @KafkaListener(topics = "#{__listener.topics().received()}",
            containerFactory = PlatformKafkaAutoConfiguration.POLL_TRANSACTIONS,
            properties = ReferralReceipts.CONSUMER_PROPERTY)
    void onReceived(List<ConsumerRecord<String, GenericRecord>> records) {
        poll.forEach(SlaClockOrder.byReferral(records, ReferralReceipts::referralId), record -> clock.started(
                ReferralReceipts.referralId(record.value()), ReferralReceipts.receivedAt(record.value())));
    }
}
