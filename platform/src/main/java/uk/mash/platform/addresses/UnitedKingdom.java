package uk.mash.platform.addresses;

import java.util.Set;

/**
 * Which addresses are in the United Kingdom: those naming no country, and those naming GB or UK (ISO reserves UK for
 * the United Kingdom, and referrers write it more often than GB). Intake passes a country on as it was sent, so every
 * service reads the three alike.
 */
public final class UnitedKingdom {

    private static final Set<String> CODES = Set.of("GB", "UK");

    private UnitedKingdom() {
    }

    /** Whether an address with this country is in the UK: no country, GB or UK. */
    public static boolean includes(String country) {
        return country == null || CODES.contains(country);
    }

    /** Whether this country code stands for the UK itself, rather than for no country being given. */
    public static boolean isCode(String country) {
        return CODES.contains(country);
    }
}
