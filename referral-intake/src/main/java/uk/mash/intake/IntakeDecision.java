package uk.mash.intake;

import java.util.List;

import uk.mash.intake.store.StoredReferral;
import uk.mash.intake.validation.Violation;

/**
 * What intake made of a submission: accepted (new, the written follow-up of a telephone referral, or a repeat of
 * either), refused with reasons, or refused because its agency reference or idempotency key already belongs to a
 * different referral.
 */
public sealed interface IntakeDecision {

    record Accepted(StoredReferral referral, boolean repeat) implements IntakeDecision {
    }

    record Refused(List<Violation> violations) implements IntakeDecision {
    }

    record Conflicting(List<Violation> violations) implements IntakeDecision {
    }
}
