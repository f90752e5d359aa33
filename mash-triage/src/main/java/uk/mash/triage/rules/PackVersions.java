package uk.mash.triage.rules;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * The order of a rule pack's versions, part by part as numbers ("1.10.0" is after "1.9.0"), so that configuration
 * naming a pack without a version gets the latest one and not the one whose version sorts last as text. A part that
 * is not a number is compared as text; a version with more parts is after one it extends ("1.0.1" after "1.0").
 */
final class PackVersions {

    static final Comparator<String> ORDER = PackVersions::compare;

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private PackVersions() {
    }

    private static int compare(String left, String right) {
        String[] leftParts = left.split("\\.", -1);
        String[] rightParts = right.split("\\.", -1);
        for (int i = 0; i < Math.min(leftParts.length, rightParts.length); i++) {
            int order = compareParts(leftParts[i], rightParts[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(leftParts.length, rightParts.length);
    }

    private static int compareParts(String left, String right) {
        return DIGITS.matcher(left).matches() && DIGITS.matcher(right).matches()
                ? new BigInteger(left).compareTo(new BigInteger(right))
                : left.compareTo(right);
    }
}
