package uk.mash.notify.referrer;

import java.util.Optional;
import java.util.stream.Collectors;

import uk.mash.events.DeciderKind;
import uk.mash.events.ReferralRejected;
import uk.mash.events.ReferrerNotified;
import uk.mash.events.TriageOutcomeIssued;

/**
 * What a referrer is told: what was decided, what happens next and whom to contact, by referral reference only,
 * never with the child's details. The notifier knows the decision, not whether the referral has yet reached the
 * service it goes to (routing is another service's work, and can fail to a dead-letter topic), so each decision is
 * told as what will happen, never as done.
 */
final class NotificationMessages {

    /** The reason code of a submission intake could not handle, and dead-lettered. */
    static final String NOT_PROCESSED = "NOT_PROCESSED";

    private NotificationMessages() {
    }

    /** How an outcome stands to the last outcome of the same referral its referrer was told. */
    enum Telling {
        /** Nothing was told of the referral before. */
        FIRST,
        /** The decision told before, confirmed (a provisional section 47 enquiry confirmed by a MASH worker). */
        CONFIRMATION,
        /** A different decision from the one told before. */
        CHANGE
    }

    /** The same outcome worded the same (level of need and organisation included) is a confirmation, not a change. */
    static Telling telling(TriageOutcomeIssued outcome, Optional<ReferrerNotified> lastTold) {
        return lastTold.map(told -> told.getOutcome() == outcome.getOutcome()
                && told.getMessage().contains(decision(outcome)) ? Telling.CONFIRMATION : Telling.CHANGE)
                .orElse(Telling.FIRST);
    }

    static String forOutcome(TriageOutcomeIssued outcome, Telling telling) {
        String reference = "Your referral " + outcome.getReferral().getAgencyReference() + " (MASH reference "
                + outcome.getReferralId() + "): ";
        String sinceLastTold = switch (telling) {
            case FIRST -> "";
            case CONFIRMATION -> (outcome.getDecidedBy().getKind() == DeciderKind.WORKER ? " A MASH worker"
                    : " The MASH") + " has confirmed this decision; it has not changed.";
            case CHANGE -> " This replaces the earlier decision on this referral.";
        };
        return reference + decision(outcome) + sinceLastTold;
    }

    private static String decision(TriageOutcomeIssued outcome) {
        return switch (outcome.getOutcome()) {
            case SINGLE_AGENCY -> "the MASH has decided on a single agency referral to "
                    + outcome.getIdentifiedOrganisation() + " (Level 1). The MASH is passing your referral to that "
                    + "organisation, which will contact the family.";
            case EARLY_HELP -> "the MASH has decided the family should be offered Early Help (Level 2, targeted "
                    + "services). Your referral will be sent to the Early Help team, who will contact the family to "
                    + "offer support.";
            case SECTION_17_ASSESSMENT -> "the MASH has decided that Children's Social Care will carry out a Child and "
                    + "Family Assessment under section 17 of the Children Act 1989 (Level 3). Your referral will be "
                    + "sent to Children's Social Care.";
            case SECTION_47_ENQUIRY -> "the MASH has decided that Children's Social Care will make enquiries under "
                    + "section 47 of the Children Act 1989 (Level 3). Your referral will be sent to Children's Social "
                    + "Care, and a social worker may contact you for information.";
            case RETURNED_FOR_CONSENT -> "the MASH is returning the referral to you: this help needs the consent of "
                    + "the parents or carers (or of a Gillick competent child). Please seek consent and refer again "
                    + "as a new referral, under a reference of its own, unless seeking it would put the child or "
                    + "another person at risk of significant harm.";
            case ALLOCATED_SOCIAL_WORKER -> "the child already has an allocated social worker. The MASH is passing "
                    + "your referral to them.";
        };
    }

    /**
     * A refusal names every reason; a submission the MASH's own system failed to receive (code
     * {@value #NOT_PROCESSED}, kept on a dead-letter topic) is the MASH's to put right, not the referrer's.
     */
    static String forRejection(ReferralRejected rejected) {
        String submission = rejected.getAgencyReference() == null ? "A submission from your agency"
                : "Your submission " + rejected.getAgencyReference();
        boolean theMashs = rejected.getReasons().stream().allMatch(reason -> NOT_PROCESSED.equals(reason.getCode()));
        return submission + (theMashs ? " has not yet been received by the MASH: "
                : " was not accepted by the MASH. Please put right: ")
                + rejected.getReasons().stream()
                        .map(reason -> (reason.getField() == null ? "" : reason.getField() + ": ")
                                + withoutFullStop(reason.getMessage()))
                        .collect(Collectors.joining("; "))
                + ". If a child is at immediate risk, telephone the MASH or the police now.";
    }

    private static String withoutFullStop(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
