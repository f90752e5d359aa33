package uk.mash.triage.decisions;

import java.time.Instant;

import uk.mash.events.ReferralSubmitted;

/**
 * A telephone referral's written follow-up as triage received it (seed 002: "All telephone referrals will need to be
 * followed up in writing within 24 hours by the referring professional").
 *
 * @param receivedAt when the MASH received it in writing
 * @param referral the written referral
 * @param triagedAsFirstVersion triage never received the telephone referral itself (its event was lost to retention,
 *        say), so the written follow-up was triaged as the referral's first version and no call is on record
 */
public record WrittenFollowUp(Instant receivedAt, ReferralSubmitted referral, boolean triagedAsFirstVersion) {
}
