package uk.mash.intake.validation;

import java.util.Locale;
import java.util.Set;

/**
 * The country of an address: an ISO 3166-1 alpha-2 code in capitals, so that every service reads one country one way.
 * The United Kingdom is GB, and UK too: ISO reserves UK for it, and referrers write it more often than GB.
 */
final class CountryCode {

    private static final Set<String> ISO_3166_ALPHA_2 = Set.of(Locale.getISOCountries());
    private static final Set<String> UNITED_KINGDOM = Set.of("GB", "UK");

    private CountryCode() {
    }

    static boolean isValid(String value) {
        return ISO_3166_ALPHA_2.contains(value) || UNITED_KINGDOM.contains(value);
    }

    /** No country is the United Kingdom: an address abroad says where it is. */
    static boolean isUnitedKingdom(String value) {
        return value == null || UNITED_KINGDOM.contains(value);
    }
}
