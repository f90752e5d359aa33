package uk.mash.intake.validation;

import java.util.Locale;
import java.util.Set;

import uk.mash.platform.addresses.UnitedKingdom;

/**
 * The country of an address: an ISO 3166-1 alpha-2 code in capitals, so that every service reads one country one way
 * ({@link UnitedKingdom} says which stand for the UK).
 */
final class CountryCode {

    private static final Set<String> ISO_3166_ALPHA_2 = Set.of(Locale.getISOCountries());

    private CountryCode() {
    }

    static boolean isValid(String value) {
        return ISO_3166_ALPHA_2.contains(value) || UnitedKingdom.isCode(value);
    }
}
