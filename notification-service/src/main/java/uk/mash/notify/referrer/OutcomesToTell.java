package uk.mash.notify.referrer;

import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.serde.AvroProjection;

/**
 * Reads of each outcome what the referrer is told and the SLA clock needs ({@link OutcomeToTell}); the referral and
 * the child's details are skipped unread, as the notifier tells the referrer nothing about the child.
 */
public class OutcomesToTell extends AvroProjection {

    /** The outcome listener's consumer setting that reads outcomes with this class. */
    static final String CONSUMER_PROPERTY =
            "spring.deserializer.value.delegate.class=uk.mash.notify.referrer.OutcomesToTell";

    public OutcomesToTell() {
        super(TriageOutcomeIssued.class, "referralId", "outcomeVersion", "outcome", "status", "receivedAt",
                "identifiedOrganisation", "referral.agencyReference", "referral.localAuthority",
                "referral.referrer.agencyCode");
    }
}
