package uk.mash.intake.validation;

/**
 * The NHS number's check: ten digits, the last a modulus-11 check digit over the first nine weighted 10 down to 2;
 * a remainder giving 10 is never issued.
 */
final class NhsNumber {

    private NhsNumber() {
    }

    static boolean isValid(String value) {
        String digits = value.replace(" ", "").replace("-", "");
        if (!digits.matches("\\d{10}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0';
    }
}
