package uk.mash.notify.sla;

import java.time.Instant;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;

import uk.mash.events.ReferralReceived;
import uk.mash.platform.serde.AvroProjection;

/**
 * What the SLA clock reads of an accepted referral: its id and when it was received. The referral itself, the
 * child's details with it, is skipped unread: the clock needs none of it.
 */
public class ReferralReceipts extends AvroProjection {

    /** The SLA listener's consumer setting that reads received referrals with this class. */
    static final String CONSUMER_PROPERTY =
            "spring.deserializer.value.delegate.class=uk.mash.notify.sla.ReferralReceipts";

    private static final String REFERRAL_ID = "referralId";
    private static final String RECEIVED_AT = "receivedAt";

    public ReferralReceipts() {
        super(ReferralReceived.class, REFERRAL_ID, RECEIVED_AT);
    }

    static UUID referralId(GenericRecord receipt) {
        return (UUID) receipt.get(REFERRAL_ID);
    }

    static Instant receivedAt(GenericRecord receipt) {
        return (Instant) receipt.get(RECEIVED_AT);
    }
}
