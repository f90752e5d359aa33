package uk.mash.harness.referrals;

/**
 * Valid, distinct NHS numbers for fictional children: nine digits from the referral's number and the modulus 11
 * check digit (NHS Data Dictionary). Each referral owns two consecutive bases; a base whose check digit would be 10
 * is invalid, and then the next one is not (their weighted sums differ by 2 mod 11).
 */
final class NhsNumbers {

    private static final long FIRST_BASE = 400_000_000L;

    private NhsNumbers() {
    }

    /** A valid NHS number, different for each {@code number} below 250 million. */
    static String of(long number) {
        long base = FIRST_BASE + number * 2;
        while (true) {
            String digits = String.format("%09d", base);
            int check = checkDigit(digits);
            if (check != 10) {
                return digits + check;
            }
            base++;
        }
    }

    static int checkDigit(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        return check == 11 ? 0 : check;
    }
}
