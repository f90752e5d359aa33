package uk.mash.notify.referrer;

import java.time.Instant;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;

import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;

/** An outcome as the notifier reads it ({@link OutcomesToTell}): the decision and whom to tell, never the child. */
public record OutcomeToTell(UUID referralId, int outcomeVersion, OutcomeType outcome, OutcomeStatus status,
        Instant receivedAt, String identifiedOrganisation, String agencyCode, String agencyReference,
        String localAuthority) {

    /** From the outcome's fields, read as a projection or as the whole generated record. */
    public static OutcomeToTell of(GenericRecord outcome) {
        GenericRecord referral = (GenericRecord) outcome.get("referral");
        return new OutcomeToTell((UUID) outcome.get("referralId"), (Integer) outcome.get("outcomeVersion"),
                OutcomeType.valueOf(outcome.get("outcome").toString()),
                OutcomeStatus.valueOf(outcome.get("status").toString()), (Instant) outcome.get("receivedAt"),
                text(outcome.get("identifiedOrganisation")),
                text(((GenericRecord) referral.get("referrer")).get("agencyCode")),
                text(referral.get("agencyReference")), text(referral.get("localAuthority")));
    }

    static UUID referralIdOf(GenericRecord outcome) {
        return (UUID) outcome.get("referralId");
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Whether the referrer is told of it now: confirmed, or a section 47 enquiry (told at once). */
    boolean stands() {
        return status == OutcomeStatus.CONFIRMED || outcome == OutcomeType.SECTION_47_ENQUIRY;
    }
}
