package uk.mash.intake.store;

import java.time.Instant;

import org.apache.avro.Schema;

import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralSubmitted;

/**
 * What a submission says, leaving out what may differ between two sendings of one referral: when it was sent, and by
 * which way (a referral sent by REST and again on Kafka is the same referral). Two submissions under one agency
 * reference that say different things are different referrals.
 */
public final class SubmissionContent {

    private SubmissionContent() {
    }

    public static boolean same(ReferralSubmitted one, ReferralSubmitted other) {
        return withoutSendingDetails(one).equals(withoutSendingDetails(other));
    }

    /** A shallow copy: the submission itself is never changed, as encoded events are remembered by identity. */
    private static ReferralSubmitted withoutSendingDetails(ReferralSubmitted submission) {
        ReferralSubmitted content = new ReferralSubmitted();
        for (Schema.Field field : ReferralSubmitted.getClassSchema().getFields()) {
            content.put(field.pos(), submission.get(field.pos()));
        }
        content.setSubmittedAt(Instant.EPOCH);
        content.setChannel(ReferralChannel.EVENT);
        return content;
    }
}
