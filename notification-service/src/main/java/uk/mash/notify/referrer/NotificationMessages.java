package uk.mash.notify.referrer;

import java.util.stream.Collectors;

import uk.mash.events.ReferralRejected;
import uk.mash.events.TriageOutcomeIssued;

/**
 * What a referrer is told: what was decided, what happens next and whom to contact, by referral reference only,
 * never with the child's details.
 */
final class NotificationMessages {

    private NotificationMessages() {
    }

    static String forOutcome(TriageOutcomeIssued outcome) {
        String reference = "Your referral " + outcome.getReferral().getAgencyReference() + " (MASH reference "
                + outcome.getReferralId() + "): ";
        String decision = switch (outcome.getOutcome()) {
            case SINGLE_AGENCY -> "the MASH has decided on a single agency referral to "
                    + outcome.getIdentifiedOrganisation() + " (Level 1). That organisation will contact the family.";
            case EARLY_HELP -> "the MASH has referred the family to Early Help (Level 2, targeted services). The Early "
                    + "Help team will contact the family to offer support.";
            case SECTION_17_ASSESSMENT -> "Children's Social Care will carry out a Child and Family Assessment under "
                    + "section 17 of the Children Act 1989 (Level 3).";
            case SECTION_47_ENQUIRY -> "Children's Social Care has started a section 47 enquiry under the Children "
                    + "Act 1989 (Level 3). A social worker may contact you for information.";
            case RETURNED_FOR_CONSENT -> "the referral is returned to you: this help needs the consent of the parents "
                    + "or carers (or of a Gillick competent child). Please seek consent and refer again, unless "
                    + "seeking it would put the child or another person at risk of significant harm.";
            case ALLOCATED_SOCIAL_WORKER -> "the child already has an allocated social worker, who has been sent your "
                    + "referral.";
        };
        String version = outcome.getOutcomeVersion() > 1 ? " This replaces the earlier decision on this referral." : "";
        return reference + decision + version;
    }

    static String forRejection(ReferralRejected rejected) {
        return "Your submission " + rejected.getAgencyReference() + " was not accepted by the MASH. Please put "
                + "right: " + rejected.getReasons().stream()
                        .map(reason -> (reason.getField() == null ? "" : reason.getField() + ": ") + reason.getMessage())
                        .collect(Collectors.joining("; "))
                + ". If a child is at immediate risk, telephone the MASH or the police now.";
    }
}
