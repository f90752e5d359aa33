package uk.mash.harness.pipeline;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;

/**
 * What the harness saw of one referral: its outcomes and the notifications to its referrer. Only the observer's
 * thread changes a trace; the fields another thread reads while the run goes on are volatile, and the outcomes and
 * notifications are read once the observer has stopped.
 */
public final class ReferralTrace {

    /** One outcome version as triage issued it. */
    public record OutcomeSeen(int version, OutcomeType outcome, OutcomeStatus status) {

        /**
         * Whether the referrer is told of it: a confirmed outcome, or a provisional section 47 (docs/decisions.md,
         * "What the first rule set decides"); a provisional section 17 waits for a MASH worker.
         */
        public boolean stands() {
            return status == OutcomeStatus.CONFIRMED || outcome == OutcomeType.SECTION_47_ENQUIRY;
        }
    }

    private static final OutcomeSeen[] NO_OUTCOMES = {};
    private static final long[] NO_NOTIFICATIONS = {};

    // the harness keeps a trace of every referral of the run in the heap it measures, whose full collections pause the
    // pipeline: arrays sized to what was seen (usually one outcome and one notification), and a notification as its
    // id's hash beside its outcome version, since only a repeat of an id matters; two ids of one referral hashing
    // alike would be reported as a repeat, never hide one
    private OutcomeSeen[] outcomes = NO_OUTCOMES;
    private long[] notifications = NO_NOTIFICATIONS;
    private volatile boolean notifiedOfFirstOutcome;
    private volatile Instant receivedAt;
    private volatile long completedNanos;
    private volatile Instant completedAt;

    /**
     * @param receivedAt when intake accepted the referral, as the outcome says
     * @return whether this outcome completed the referral
     */
    public boolean outcome(OutcomeSeen issued, Instant receivedAt, long seenNanos, Instant seenAt) {
        outcomes = Arrays.copyOf(outcomes, outcomes.length + 1);
        outcomes[outcomes.length - 1] = issued;
        if (this.receivedAt == null || receivedAt.isBefore(this.receivedAt)) {
            this.receivedAt = receivedAt;
        }
        return completeIfDone(seenNanos, seenAt);
    }

    /**
     * @param notificationId the notification's unique id (referral, outcome version, channel)
     * @param outcomeVersion the outcome version the referrer was told of
     * @return whether this notification completed the referral
     */
    public boolean notified(String notificationId, int outcomeVersion, long seenNanos, Instant seenAt) {
        notifications = Arrays.copyOf(notifications, notifications.length + 1);
        notifications[notifications.length - 1] = (long) notificationId.hashCode() << 32 | outcomeVersion;
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
        boolean done = Arrays.stream(outcomes).filter(o -> o.version() == 1).findFirst()
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
        return List.of(outcomes);
    }

    /** Whether any notification was seen more than once. */
    public boolean notifiedTwice() {
        return Arrays.stream(notifications).distinct().count() < notifications.length;
    }

    /** How many notifications were seen of each outcome version. */
    public Map<Integer, Integer> notificationsByVersion() {
        Map<Integer, Integer> byVersion = new HashMap<>();
        Arrays.stream(notifications).forEach(seen -> byVersion.merge((int) seen, 1, Integer::sum));
        return byVersion;
    }
}
