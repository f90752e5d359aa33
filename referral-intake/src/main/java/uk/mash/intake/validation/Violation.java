package uk.mash.intake.validation;

/**
 * One reason a submission is refused: a machine-readable code, the field at fault, and text for the referrer that
 * never repeats the child's personal data.
 */
public record Violation(String code, String field, String message) {
}
