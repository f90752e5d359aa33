package uk.mash.platform.security;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import uk.mash.events.Address;
import uk.mash.events.Child;
import uk.mash.platform.addresses.UnitedKingdom;

/**
 * A child's identifiers written the same way whichever agency typed them, for the keyed hashes intake and triage
 * identify a child by: two agencies writing "O'Brien" and "OBRIEN", or "pe1 2ab" and "PE1 2AB", mean one child.
 * <p>
 * The first given name is part of a child's identity without an NHS number because twins share everything else: the
 * family name, the date of birth and the address. Only the first is used because agencies often leave out the rest.
 */
public final class ChildIdentity {

    private static final Pattern NOT_A_DIGIT = Pattern.compile("[^0-9]");
    private static final Pattern ACCENT = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_A_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ChildIdentity() {
    }

    /** The NHS number's digits, or empty when there is none. */
    public static String nhsNumber(Child child) {
        return child.getNhsNumber() == null ? "" : NOT_A_DIGIT.matcher(child.getNhsNumber()).replaceAll("");
    }

    /** The first of the child's given names, or empty when none is known. */
    public static String firstGivenName(Child child) {
        String givenNames = child.getGivenNames() == null ? "" : child.getGivenNames().strip();
        return normalised(givenNames.isEmpty() ? "" : SPACES.split(givenNames, 2)[0]);
    }

    public static String familyName(Child child) {
        return normalised(child.getFamilyName());
    }

    /**
     * The postcode of the child's address, or empty when there is none. Abroad it is prefixed with the country, so
     * that two children with the same name and birthday are not one child because their countries' postcodes (or
     * their lack of one) look alike; a UK address, with no country or GB or UK, is keyed as it always was.
     */
    public static String postcode(Child child) {
        Address address = child.getAddress();
        if (address == null) {
            return "";
        }
        String postcode = normalised(address.getPostcode());
        return UnitedKingdom.includes(address.getCountry()) ? postcode
                : normalised(address.getCountry()) + ":" + postcode;
    }

    /**
     * Accents are taken off rather than the accented letters: agencies' systems keep or drop them ("Siân", "Sian"),
     * and deleting the letter made Welsh twins Siôn and Siân one child ("SIN").
     */
    private static String normalised(String value) {
        if (value == null) {
            return "";
        }
        String unaccented = ACCENT.matcher(Normalizer.normalize(value, Normalizer.Form.NFD)).replaceAll("");
        return NOT_A_LETTER_OR_DIGIT.matcher(unaccented.toUpperCase(Locale.UK)).replaceAll("");
    }
}
