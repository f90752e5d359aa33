package uk.mash.triage.rules;

/**
 * Where a rule comes from: the document, the section and a short quote, so that a board can check the rule against
 * its own guidance.
 */
public record Citation(String document, String section, String quote) {

    @Override
    public String toString() {
        return document + ", " + section + ": \"" + quote + "\"";
    }
}
