package uk.mash.intake.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import uk.mash.events.Child;
import uk.mash.intake.IntakeSettings;

/**
 * Turns a child's identity into a pseudonymous key (a keyed hash) so that one child's referrals share a Kafka
 * partition and stay in order, while the key itself reveals nothing. The NHS number is used when given; otherwise
 * the normalised family name, date of birth (or due date) and postcode.
 */
@Component
public class ChildKeys {

    private final SecretKeySpec secret;

    ChildKeys(IntakeSettings settings) {
        this.secret = new SecretKeySpec(settings.childKeySecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String keyOf(Child child) {
        String identity = child.getNhsNumber() != null
                ? "nhs:" + child.getNhsNumber().replaceAll("[^0-9]", "")
                : "person:" + normalise(child.getFamilyName()) + "|"
                        + (child.getDateOfBirth() != null ? child.getDateOfBirth() : "due:" + child.getExpectedDueDate())
                        + "|" + (child.getAddress() == null ? "" : normalise(child.getAddress().getPostcode()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(identity.getBytes(StandardCharsets.UTF_8)), 0, 16);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String normalise(String value) {
        return value == null ? "" : value.toUpperCase(Locale.UK).replaceAll("[^A-Z0-9]", "");
    }
}
