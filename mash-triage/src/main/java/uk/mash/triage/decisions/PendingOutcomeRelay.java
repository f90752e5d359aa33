package uk.mash.triage.decisions;

import java.util.List;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Publishes outcomes that MASH workers decided (stored first, as an outbox) in one Kafka transaction, then marks them
 * published. At least once: a stop between the two publishes them again with the same event ids, and consumers keep
 * one outcome per referral and version.
 */
@Component
public class PendingOutcomeRelay {

    private final TriageStore store;
    private final KafkaTemplate<String, Object> kafka;
    private final TopicCatalogue topics;

    PendingOutcomeRelay(TriageStore store, KafkaTemplate<String, Object> kafka, TopicCatalogue topics) {
        this.store = store;
        this.kafka = kafka;
        this.topics = topics;
    }

    @Scheduled(fixedDelayString = "${referrals.triage.relay-interval:1s}")
    public synchronized void publishPending() {
        List<TriageOutcomeIssued> pending = store.pendingOutcomes();
        if (pending.isEmpty()) {
            return;
        }
        kafka.executeInTransaction(operations -> {
            pending.forEach(outcome -> operations.send(topics.triageOutcomes(), outcome.getReferralId().toString(),
                    outcome));
            return null;
        });
        pending.forEach(store::published);
    }
}
