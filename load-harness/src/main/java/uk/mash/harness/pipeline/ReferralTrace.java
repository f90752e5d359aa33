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
 * thread changes a trace; the fields another thread reads while the run goes on are volatile, and the lists and maps
 * are read once the observer has stopped.
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

    private final List<OutcomeSeen> outcomes = new ArrayList<>();
    private final Map<String, Integer> notificationsById = new HashMap<>();
    private final Map<Integer, Integer> notificationsByVersion = new HashMap<>();
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
        notificationsById.merge(notificationId, 1, Integer::sum);
        notificationsByVersion.merge(outcomeVersion, 1, Integer::sum);
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

    public Map<String, Integer> notificationsById() {
        return Map.copyOf(notificationsById);
    }

    public Map<Integer, Integer> notificationsByVersion() {
        return Map.copyOf(notificationsByVersion);
    }
}
