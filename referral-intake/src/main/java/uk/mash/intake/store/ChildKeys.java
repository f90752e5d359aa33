package uk.mash.intake.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import uk.mash.events.Child;
import uk.mash.intake.IntakeSettings;
import uk.mash.platform.security.ChildIdentity;
import uk.mash.platform.security.PseudonymSecrets;

/**
 * Turns a child's identity into a pseudonymous key (a keyed hash) so that one child's referrals share a Kafka
 * partition and stay in order, while the key itself reveals nothing. The NHS number is used when given; otherwise
 * the normalised first given name, family name, date of birth (or due date) and postcode. The router keeps a child's
 * case under this key, so twins without NHS numbers must not share it: the given name tells them apart.
 * <p>
 * Intake will not start without a secret that could be secret: there are only about 10^9 NHS numbers, so anyone who
 * knows the secret and sees the keys can hash them all and re-identify every child.
 */
@Component
public class ChildKeys {

    /** Per thread, because a Mac is not thread-safe and looking one up and keying it cost more than the hash. */
    private final ThreadLocal<Mac> macs;

    ChildKeys(IntakeSettings settings) {
        String key = PseudonymSecrets.requireUsable(settings.childKeySecret(), "referrals.intake.child-key-secret",
                "CHILD_KEY_SECRET", "referral intake");
        SecretKeySpec secret = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> keyed(secret));
    }

    public String keyOf(Child child) {
        String identity = child.getNhsNumber() != null
                ? "nhs:" + ChildIdentity.nhsNumber(child)
                : "child:" + ChildIdentity.firstGivenName(child) + "|" + ChildIdentity.familyName(child) + "|"
                        + (child.getDateOfBirth() != null ? child.getDateOfBirth() : "due:" + child.getExpectedDueDate())
                        + "|" + ChildIdentity.postcode(child);
        return HexFormat.of().formatHex(macs.get().doFinal(identity.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private static Mac keyed(SecretKeySpec secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return mac;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
