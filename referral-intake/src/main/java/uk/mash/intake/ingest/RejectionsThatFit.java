package uk.mash.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import uk.mash.events.ReferralRejected;
import uk.mash.events.RejectionReason;
import uk.mash.intake.validation.ReferralValidator;
import uk.mash.platform.serde.StoredEvents;

/**
 * Keeps a rejection within a Kafka record. The producer refuses a record over 1 MB, and a refused record fails its
 * poll's commit without naming a record: the poll is retried for ever, every referral behind it waits, and the
 * referrer is never told. A submission refused for its size would make such a rejection, so a rejection is held to
 * the limit that keeps an accepted referral within a record ({@link ReferralValidator#MAX_ENCODED_BYTES}, its key
 * included). What does not fit is left out, never the refusal itself: first the submission, then an identifier longer
 * than any identifier may be (refused as too long, it names nothing), then the reasons beyond as many as fit, which a
 * last reason ({@value #NOT_ALL_LISTED}) counts.
 */
final class RejectionsThatFit {

    static final String NOT_ALL_LISTED = "NOT_ALL_LISTED";

    private RejectionsThatFit() {
    }

    static ReferralRejected fit(ReferralRejected rejected) {
        if (fits(rejected)) {
            return rejected;
        }
        ReferralRejected.Builder smaller = ReferralRejected.newBuilder(rejected)
                .setSubmission(null)
                .setAgencyCode(identifier(rejected.getAgencyCode()))
                .setAgencyReference(identifier(rejected.getAgencyReference()))
                .setLocalAuthority(identifier(rejected.getLocalAuthority()));
        List<RejectionReason> reasons = rejected.getReasons();
        ReferralRejected fitted = smaller.build();
        int listed = reasons.size();
        while (listed > 0 && !fits(fitted)) {
            listed /= 2;
            fitted = smaller.setReasons(firstOf(reasons, listed)).build();
        }
        return fitted;
    }

    /** The rejection and its key, the agency reference, as the producer will count them. */
    private static boolean fits(ReferralRejected rejected) {
        int key = rejected.getAgencyReference() == null ? 0
                : rejected.getAgencyReference().getBytes(StandardCharsets.UTF_8).length;
        return key + StoredEvents.encode(rejected).length <= ReferralValidator.MAX_ENCODED_BYTES;
    }

    private static String identifier(String value) {
        return value != null && value.length() > ReferralValidator.MAX_SHORT_TEXT ? null : value;
    }

    private static List<RejectionReason> firstOf(List<RejectionReason> reasons, int listed) {
        List<RejectionReason> first = new ArrayList<>(reasons.subList(0, listed));
        first.add(new RejectionReason(NOT_ALL_LISTED, null, (reasons.size() - listed) + " more problem(s) could not "
                + "be listed here. Put right those above and look for the same kind of problem elsewhere in the "
                + "referral before sending it again."));
        return first;
    }
}
