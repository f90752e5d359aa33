package uk.mash.triage.decisions;

import java.time.Instant;

import uk.mash.events.ReferralSubmitted;

/**
 * A telephone referral's written follow-up as triage received it (seed 002: "All telephone referrals will need to be
 * followed up in writing within 24 hours by the referring professional").
 *
 * @param receivedAt when the MASH received it in writing
 * @param referral the written referral
 * @param triagedAsFirstVersion the written follow-up reached triage before the telephone referral itself (the call's
 *        event late, or lost to retention), so it was triaged as the referral's first version
 */
public record WrittenFollowUp(Instant receivedAt, ReferralSubmitted referral, boolean triagedAsFirstVersion) {
}
