package uk.mash.triage.decisions;

import java.util.Optional;
import java.util.stream.Stream;

import uk.mash.events.ConsentStatus;
import uk.mash.events.ReferralSubmitted;

/**
 * A referral as the MASH knows it: as first received (a telephone referral as the call was recorded, which outcome
 * version 1 carries, or its written follow-up when that reached triage first) and, once received, its written
 * follow-up and the telephone referral that reached triage after it.
 *
 * @param asFirstReceived the referral as first triaged
 * @param writtenFollowUp the written follow-up of a telephone referral, if one was received
 * @param lateCall the telephone referral as recorded, when it reached triage after its written follow-up had been
 *        triaged as the referral
 */
public record ReferralAsKnown(ReferralSubmitted asFirstReceived, Optional<WrittenFollowUp> writtenFollowUp,
        Optional<ReferralSubmitted> lateCall) {

    /**
     * What the referrer now says: the written follow-up when there is one, the referring professional's own account
     * written after the call (consent, say, may have been sought since), whichever of the two reached triage first.
     */
    public ReferralSubmitted latest() {
        return writtenFollowUp.map(WrittenFollowUp::referral).orElse(asFirstReceived);
    }

    /**
     * The referral as recorded when it was made: the telephone referral as the call was recorded (or a referral made
     * in writing); empty while the written follow-up of a call that has not reached triage is all there is.
     */
    public Optional<ReferralSubmitted> asRecorded() {
        return writtenFollowUp.filter(WrittenFollowUp::triagedAsFirstVersion).isPresent() ? lateCall
                : Optional.of(asFirstReceived);
    }

    /**
     * Whether the referrer reported immediate risk of significant harm, on the telephone or in writing: a written
     * follow-up that leaves out a risk reported on the telephone has not taken it back.
     */
    public boolean immediateRisk() {
        return accounts().anyMatch(ReferralSubmitted::getImmediateRiskOfSignificantHarm);
    }

    /**
     * Whether the referrer, on the telephone or in writing, did not seek consent because seeking it would put the
     * child at risk of significant harm: a later account saying consent was not sought, or refused, does not make
     * seeking it safe.
     */
    public boolean consentNotSoughtForRisk() {
        return accounts().anyMatch(account -> account.getConsent() == ConsentStatus.NOT_SOUGHT_RISK_OF_HARM);
    }

    /** Whether the referrer called the young person Gillick competent, on the telephone or in writing. */
    public boolean gillickCompetent() {
        return accounts().anyMatch(account -> Boolean.TRUE.equals(account.getGillickCompetent()));
    }

    private Stream<ReferralSubmitted> accounts() {
        return Stream.of(Stream.of(asFirstReceived), writtenFollowUp.map(WrittenFollowUp::referral).stream(),
                lateCall.stream()).flatMap(account -> account);
    }
}
