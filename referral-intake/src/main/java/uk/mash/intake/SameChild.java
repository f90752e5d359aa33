package uk.mash.intake;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.apache.commons.text.similarity.LevenshteinDistance;

import uk.mash.events.Child;
import uk.mash.platform.security.ChildIdentity;

/**
 * Whether a written referral is about the child its telephone referral was about. A call leaves out what was not to
 * hand (the NHS number, a given name for a baby) and gets wrong what is spelt as heard (a name, an address), so a
 * written referral is taken for another child only on what plainly tells two children apart: two NHS numbers that
 * differ; two dates of birth that differ; a baby born long before or after the due date the call gave; or first given
 * names (not compared for a baby still unborn at the call, who may have been named since) too far apart to be one name
 * heard two ways ("Mohammed" and "Muhammad" are one name; "Siôn" and "Siân", twins born the same day, are two
 * children). The two mistakes do not cost the same: a written follow-up wrongly refused keeps what it adds from
 * triage until the referrer sends it again under a reference of its own, and one wrongly taken is still shown to a
 * MASH worker, its differences from the call marked, with a task to read it.
 */
final class SameChild {

    /** From a birth this early in pregnancy to one this late after the due date. */
    private static final long WEEKS_BORN_BEFORE_DUE = 20;
    private static final long WEEKS_BORN_AFTER_DUE = 6;

    private SameChild() {
    }

    static boolean asTheCall(Child telephoned, Child written) {
        String telephonedNhsNumber = ChildIdentity.nhsNumber(telephoned);
        String writtenNhsNumber = ChildIdentity.nhsNumber(written);
        if (!telephonedNhsNumber.isEmpty() && !writtenNhsNumber.isEmpty()) {
            return telephonedNhsNumber.equals(writtenNhsNumber);
        }
        boolean unbornOnCall = telephoned.getDateOfBirth() == null && telephoned.getExpectedDueDate() != null;
        return sameBirth(telephoned, written) && (unbornOnCall || sameGivenName(
                ChildIdentity.firstGivenName(telephoned), ChildIdentity.firstGivenName(written)));
    }

    private static boolean sameBirth(Child telephoned, Child written) {
        LocalDate bornOnCall = telephoned.getDateOfBirth();
        LocalDate bornInWriting = written.getDateOfBirth();
        LocalDate dueOnCall = telephoned.getExpectedDueDate();
        if (bornOnCall != null) {
            return bornInWriting == null ? written.getExpectedDueDate() == null : bornOnCall.equals(bornInWriting);
        }
        if (dueOnCall == null) {
            return true;
        }
        if (bornInWriting != null) {
            long weeksAfterDue = ChronoUnit.WEEKS.between(dueOnCall, bornInWriting);
            return weeksAfterDue >= -WEEKS_BORN_BEFORE_DUE && weeksAfterDue <= WEEKS_BORN_AFTER_DUE;
        }
        LocalDate dueInWriting = written.getExpectedDueDate();
        return dueInWriting == null
                || Math.abs(ChronoUnit.WEEKS.between(dueOnCall, dueInWriting)) <= WEEKS_BORN_AFTER_DUE;
    }

    private static boolean sameGivenName(String onCall, String inWriting) {
        return onCall.isEmpty() || inWriting.isEmpty()
                || LevenshteinDistance.getDefaultInstance().apply(onCall, inWriting)
                        <= lettersHeardAmiss(Math.min(onCall.length(), inWriting.length()));
    }

    /**
     * How many letters may be changed, left out or added in a name heard rather than spelt: none in a short name,
     * where one letter is all that tells twins apart (Siôn and Siân, Jack and Jake), more in a longer one.
     */
    private static int lettersHeardAmiss(int length) {
        return length <= 4 ? 0 : length <= 7 ? 1 : 2;
    }
}
