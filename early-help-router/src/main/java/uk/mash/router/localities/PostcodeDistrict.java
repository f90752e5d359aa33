package uk.mash.router.localities;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a child's postcode that decides a locality: its district (outward code, {@code PE2}) and sector
 * ({@code PE2 5}). A whole postcode identifies a handful of homes, so only these broad parts are ever used or kept.
 *
 * @param district the outward code
 * @param sector the outward code, a space and the first digit of the inward code
 */
public record PostcodeDistrict(String district, String sector) {

    private static final Pattern POSTCODE = Pattern.compile("^([A-Z]{1,2}[0-9][0-9A-Z]?) ?([0-9])[A-Z]{2}$");

    /** A district ({@code PE2}) or sector ({@code PE7 2}) as the routing table names them. */
    static final Pattern TABLE_ENTRY = Pattern.compile("^[A-Z]{1,2}[0-9][0-9A-Z]?( [0-9])?$");

    /** The district and sector of a full UK postcode, or nothing when it is missing or not a postcode. */
    public static Optional<PostcodeDistrict> of(String postcode) {
        if (postcode == null) {
            return Optional.empty();
        }
        Matcher matcher = POSTCODE.matcher(postcode.strip().toUpperCase(Locale.UK));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PostcodeDistrict(matcher.group(1), matcher.group(1) + " " + matcher.group(2)));
    }
}
