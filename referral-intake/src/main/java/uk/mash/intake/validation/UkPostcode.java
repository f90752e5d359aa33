package uk.mash.intake.validation;

import java.util.Locale;
import java.util.regex.Pattern;

/** The shape of a UK postcode (outward code, a space optional, inward code), including GIR 0AA. */
final class UkPostcode {

    private static final Pattern FORMAT = Pattern
            .compile("^(GIR ?0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})$");

    private UkPostcode() {
    }

    static boolean isValid(String value) {
        return FORMAT.matcher(value.strip().toUpperCase(Locale.UK)).matches();
    }
}
