package uk.mash.triage.decisions;

import java.util.Optional;

import uk.mash.events.ReferralSubmitted;

/**
 * A referral as the MASH knows it: as first received (a telephone referral as the call was recorded, which outcome
 * version 1 carries) and, once received, its written follow-up.
 *
 * @param asFirstReceived the referral as first triaged
 * @param writtenFollowUp the written follow-up of a telephone referral, if one was received
 */
public record ReferralAsKnown(ReferralSubmitted asFirstReceived, Optional<WrittenFollowUp> writtenFollowUp) {

    /**
     * What the referrer now says: the written follow-up when there is one, the referring professional's own account
     * written after the call (consent, say, may have been sought since).
     */
    public ReferralSubmitted latest() {
        return writtenFollowUp.map(WrittenFollowUp::referral).orElse(asFirstReceived);
    }

    /**
     * Whether the referrer reported immediate risk of significant harm, on the telephone or in writing: a written
     * follow-up that leaves out a risk reported on the telephone has not taken it back.
     */
    public boolean immediateRisk() {
        return asFirstReceived.getImmediateRiskOfSignificantHarm() || latest().getImmediateRiskOfSignificantHarm();
    }
}
