package uk.mash.triage.decisions;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
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

    private static final Logger log = LoggerFactory.getLogger(PendingOutcomeRelay.class);

    private final TriageStore store;
    private final KafkaTemplate<String, Object> kafka;
    private final TopicCatalogue topics;
    private final ReentrantLock publishing = new ReentrantLock();

    PendingOutcomeRelay(TriageStore store, KafkaTemplate<String, Object> kafka, TopicCatalogue topics) {
        this.store = store;
        this.kafka = kafka;
        this.topics = topics;
    }

    @Scheduled(fixedDelayString = "${referrals.triage.relay-interval:1s}")
    public void publishPending() {
        publishing.lock();
        try {
            publish();
        }
        finally {
            publishing.unlock();
        }
    }

    /**
     * Publishes at once what a worker has just decided, after the decision was committed, and never fails for it: the
     * decision is recorded, and a failure would tell the worker it was not (a resend is then refused as already
     * decided). What is not published now the scheduled relay publishes. A request does not queue behind the
     * scheduled relay either: with the broker down, that waits out the producer's max block on every attempt.
     *
     * @return whether everything pending was published before this returned; if not, publication follows
     */
    public boolean publishDecided() {
        if (!publishing.tryLock()) {
            return false;
        }
        try {
            publish();
            return true;
        }
        catch (RuntimeException e) {
            log.warn("Could not publish decided outcomes at once; the scheduled relay will: {} ({})",
                    e.getClass().getSimpleName(),
                    NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName());
            return false;
        }
        finally {
            publishing.unlock();
        }
    }

    private void publish() {
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
