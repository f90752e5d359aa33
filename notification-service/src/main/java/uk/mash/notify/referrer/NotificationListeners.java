package uk.mash.notify.referrer;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import uk.mash.events.ReferralRejected;
import uk.mash.events.ReferrerNotified;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.notify.referrer.ReferrerNotifier.Source;
import uk.mash.notify.sla.SlaClockOrder;
import uk.mash.platform.kafka.PlatformKafkaAutoConfiguration;
import uk.mash.platform.kafka.PollTransaction;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Outcomes and rejections in; referrer notifications out, in the same Kafka transaction as the consumed offsets: one
 * Kafka and one database transaction per poll.
 */
@Component
class NotificationListeners {

    private final ReferrerNotifier notifier;
    private final KafkaTemplate<String, Object> kafka;
    private final TopicCatalogue topics;
    private final PollTransaction poll;

    NotificationListeners(ReferrerNotifier notifier, KafkaTemplate<String, Object> kafka, TopicCatalogue topics,
            PollTransaction poll) {
        this.notifier = notifier;
        this.poll = poll;
        this.kafka = kafka;
        this.topics = topics;
    }

    public TopicCatalogue topics() {
        return topics;
    }

    @KafkaListener(topics = "#{__listener.topics().triageOutcomes()}",
            containerFactory = PlatformKafkaAutoConfiguration.POLL_TRANSACTIONS)
    void onOutcomes(List<ConsumerRecord<String, TriageOutcomeIssued>> records) {
        poll.forEach(SlaClockOrder.byReferral(records, TriageOutcomeIssued::getReferralId), notifier::recordTogether,
                record -> notifier.onOutcome(record.value(), Source.of(record)).ifPresent(this::publish));
    }

    @KafkaListener(topics = "#{__listener.topics().rejected()}",
            containerFactory = PlatformKafkaAutoConfiguration.POLL_TRANSACTIONS)
    void onRejections(List<ConsumerRecord<String, ReferralRejected>> records) {
        poll.forEach(records,
                record -> notifier.onRejection(record.value(), Source.of(record)).ifPresent(this::publish));
    }

    private void publish(ReferrerNotified notified) {
        kafka.send(topics.referrerNotifications(), notified.getAgencyReference(), notified);
    }
}
