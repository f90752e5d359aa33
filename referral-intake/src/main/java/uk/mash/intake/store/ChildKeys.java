package uk.mash.intake.store;

import org.springframework.stereotype.Component;

import uk.mash.events.Child;
import uk.mash.intake.IntakeSettings;
import uk.mash.platform.security.ChildIdentity;
import uk.mash.platform.security.PseudonymHash;

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

    /** A key's length in bytes: enough to tell apart every child a council could hold. */
    private static final int KEY_BYTES = 16;

    private final PseudonymHash pseudonyms;

    ChildKeys(IntakeSettings settings) {
        this.pseudonyms = PseudonymHash.keyedWith(settings.childKeySecret(), "referrals.intake.child-key-secret",
                "CHILD_KEY_SECRET", "referral intake");
    }

    public String keyOf(Child child) {
        String identity = child.getNhsNumber() != null
                ? "nhs:" + ChildIdentity.nhsNumber(child)
                : "child:" + ChildIdentity.firstGivenName(child) + "|" + ChildIdentity.familyName(child) + "|"
                        + (child.getDateOfBirth() != null ? child.getDateOfBirth() : "due:" + child.getExpectedDueDate())
                        + "|" + ChildIdentity.postcode(child);
        return pseudonyms.hex(identity, KEY_BYTES);
    }
}
