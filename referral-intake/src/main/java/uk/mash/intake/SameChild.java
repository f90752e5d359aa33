package uk.mash.intake;

import java.util.Objects;

import uk.mash.events.Child;
import uk.mash.platform.security.ChildIdentity;

/**
 * Whether a written referral is about the child its telephone referral was about. A call leaves out what was not to
 * hand (the NHS number, most often) and gets wrong what is spelt as heard (an address, a family name), so only what
 * tells one child from another is compared: the NHS numbers when both give one, for they decide; otherwise the date
 * of birth (or expected due date) and the first given name, which the child key already counts as a child's identity
 * without an NHS number, as it is all that tells twins apart. A written referral wrongly taken for another child is
 * refused and sent again under a reference of its own, to be triaged as a referral in its own right; one wrongly
 * taken for the same child would put one child's concerns under another child's referral.
 */
final class SameChild {

    private SameChild() {
    }

    static boolean asTheCall(Child telephoned, Child written) {
        String telephonedNhsNumber = ChildIdentity.nhsNumber(telephoned);
        String writtenNhsNumber = ChildIdentity.nhsNumber(written);
        if (!telephonedNhsNumber.isEmpty() && !writtenNhsNumber.isEmpty()) {
            return telephonedNhsNumber.equals(writtenNhsNumber);
        }
        return Objects.equals(bornOrDue(telephoned), bornOrDue(written))
                && ChildIdentity.firstGivenName(telephoned).equals(ChildIdentity.firstGivenName(written));
    }

    /** As the child key takes it: the date of birth, or the due date of a child not yet born. */
    private static String bornOrDue(Child child) {
        return child.getDateOfBirth() != null ? child.getDateOfBirth().toString()
                : "due:" + child.getExpectedDueDate();
    }
}
