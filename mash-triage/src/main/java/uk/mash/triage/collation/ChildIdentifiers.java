package uk.mash.triage.collation;

import org.springframework.stereotype.Component;

import uk.mash.events.Child;
import uk.mash.platform.security.ChildIdentity;
import uk.mash.platform.security.PseudonymHash;
import uk.mash.triage.TriageSettings;

/**
 * The keys a child is matched by, kept only as keyed hashes so that triage's tables never hold an NHS number, name,
 * date of birth or postcode in clear: the NHS number when there is one, and the normalised first given name, family
 * name, date of birth and postcode when all four are known (an unborn baby or a child missing any of them gets no such
 * key: matching is conservative, a missed match is safer than a wrong one). The given name is what tells twins apart:
 * without it, twin B's referral would join twin A's history and reach twin A's allocated social worker.
 * <p>
 * Triage will not start without a secret that could be secret: there are only about 10^9 NHS numbers, so anyone who
 * knows the secret and sees the hashes can hash them all and re-identify every child.
 */
@Component
class ChildIdentifiers {

    private final PseudonymHash pseudonyms;

    ChildIdentifiers(TriageSettings settings) {
        this.pseudonyms = PseudonymHash.keyedWith(settings.matching().secret(), "referrals.triage.matching.secret",
                "CHILD_MATCHING_SECRET", "MASH triage");
    }

    Keys of(Child child) {
        String nhs = ChildIdentity.nhsNumber(child);
        String givenName = ChildIdentity.firstGivenName(child);
        String familyName = ChildIdentity.familyName(child);
        String postcode = ChildIdentity.postcode(child);
        boolean demographics = !givenName.isEmpty() && !familyName.isEmpty() && child.getDateOfBirth() != null
                && !postcode.isEmpty();
        return new Keys(nhs.isEmpty() ? null : pseudonyms.hex("nhs:" + nhs), demographics
                ? pseudonyms.hex("child:" + givenName + "|" + familyName + "|" + child.getDateOfBirth() + "|"
                        + postcode)
                : null);
    }

    /**
     * @param nhs keyed hash of the NHS number, or null
     * @param demographics keyed hash of first given name, family name, date of birth and postcode, or null
     */
    record Keys(String nhs, String demographics) {
    }
}
