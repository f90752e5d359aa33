package uk.mash.harness.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;

/**
 * What the harness saw of one referral: its outcomes and the notifications to its referrer. Only the observer's
 * thread changes a trace; the fields another thread reads while the run goes on are volatile, and the lists are read
 * once the observer has stopped.
 */
public final class ReferralTrace {

    /** One outcome version as triage issued it. */
    public record OutcomeSeen(int version, OutcomeType outcome, OutcomeStatus status, Instant receivedAt) {

        /**
         * Whether the referrer is told of it: a confirmed outcome, or a provisional section 47 (docs/decisions.md,
         * "What the first rule set decides"); a provisional section 17 waits for a MASH worker.
         */
        public boolean stands() {
            return status == OutcomeStatus.CONFIRMED || outcome == OutcomeType.SECTION_47_ENQUIRY;
        }
    }

    /** One notification to the referrer. */
    private record NotificationSeen(String id, int outcomeVersion) {
    }

    // the harness keeps a trace of every referral of the run in the heap it measures, whose full collections pause the
    // pipeline: short lists sized for the usual one outcome and one or two notifications, rather than maps
    private final List<OutcomeSeen> outcomes = new ArrayList<>(1);
    private final List<NotificationSeen> notifications = new ArrayList<>(2);
    private volatile boolean notifiedOfFirstOutcome;
    private volatile Instant receivedAt;
    private volatile long completedNanos;
    private volatile Instant completedAt;

    /** @return whether this outcome completed the referral */
    public boolean outcome(OutcomeSeen issued, long seenNanos, Instant seenAt) {
        outcomes.add(issued);
        if (receivedAt == null || issued.receivedAt().isBefore(receivedAt)) {
            receivedAt = issued.receivedAt();
        }
        return completeIfDone(seenNanos, seenAt);
    }

    /**
     * @param notificationId the notification's unique id (referral, outcome version, channel)
     * @param outcomeVersion the outcome version the referrer was told of
     * @return whether this notification completed the referral
     */
    public boolean notified(String notificationId, int outcomeVersion, long seenNanos, Instant seenAt) {
        notifications.add(new NotificationSeen(notificationId, outcomeVersion));
        notifiedOfFirstOutcome |= outcomeVersion == 1;
        return completeIfDone(seenNanos, seenAt);
    }

    /**
     * Done when its first outcome is seen and, if that outcome stands, the referrer's notification of it: the end
     * of the pipeline for that referral until a MASH worker acts.
     */
    private boolean completeIfDone(long seenNanos, Instant seenAt) {
        if (completedAt != null) {
            return false;
        }
        boolean done = outcomes.stream().filter(o -> o.version() == 1).findFirst()
                .map(first -> !first.stands() || notifiedOfFirstOutcome)
                .orElse(false);
        if (done) {
            completedNanos = seenNanos;
            completedAt = seenAt;
        }
        return done;
    }

    public boolean isComplete() {
        return completedAt != null;
    }

    /** {@link System#nanoTime()} when the harness saw the referral's last event; 0 while incomplete. */
    public long completedNanos() {
        return completedNanos;
    }

    public Instant completedAt() {
        return completedAt;
    }

    /** When intake accepted the referral, i.e. consumed its submission or answered its POST. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** Whether the referrer was told of the first outcome (the end of a latency measurement). */
    public boolean notifiedOfFirstOutcome() {
        return notifiedOfFirstOutcome;
    }

    public List<OutcomeSeen> outcomes() {
        return List.copyOf(outcomes);
    }

    /** How many times each notification was seen, by notification id. */
    public Map<String, Integer> notificationsById() {
        Map<String, Integer> byId = new HashMap<>();
        notifications.forEach(seen -> byId.merge(seen.id(), 1, Integer::sum));
        return byId;
    }

    /** How many notifications were seen of each outcome version. */
    public Map<Integer, Integer> notificationsByVersion() {
        Map<Integer, Integer> byVersion = new HashMap<>();
        notifications.forEach(seen -> byVersion.merge(seen.outcomeVersion(), 1, Integer::sum));
        return byVersion;
    }
}
