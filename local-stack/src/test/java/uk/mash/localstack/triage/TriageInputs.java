package uk.mash.localstack.triage;

import java.time.Instant;
import java.util.UUID;

import uk.mash.events.CaseRegistryChanged;
import uk.mash.events.CaseStatus;
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.localstack.ReferralSubmissions;

/** Test data builders for what triage hears from its neighbours: intake's accepted referrals and the router's cases. */
final class TriageInputs {

    private TriageInputs() {
    }

    /** The referral as intake would publish it once accepted. */
    static ReferralReceived received(ReferralSubmissions referral, UUID referralId) {
        ReferralSubmitted submitted = referral.build();
        return ReferralReceived.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(referralId)
                .setReceivedAt(Instant.now())
                .setChildKey(childKeyOf(submitted))
                .setReferral(submitted)
                .build();
    }

    /** The router's case registry: the referral's child open to Children's Social Care with an allocated worker. */
    static CaseRegistryChanged openCase(ReferralSubmissions referral, UUID caseId, String socialWorker) {
        ReferralSubmitted submitted = referral.build();
        return CaseRegistryChanged.newBuilder()
                .setEventId(UUID.randomUUID())
                .setCaseId(caseId)
                .setStatus(CaseStatus.OPEN)
                .setOccurredAt(Instant.now())
                .setOpenedAt(Instant.now())
                .setOpenedByReferralId(UUID.randomUUID())
                .setLocalAuthority(submitted.getLocalAuthority())
                .setAllocatedTeam("csc-peterborough-family-support")
                .setAllocatedSocialWorker(socialWorker)
                .setChildKey(childKeyOf(submitted))
                .setChild(submitted.getChild())
                .build();
    }

    private static String childKeyOf(ReferralSubmitted referral) {
        return "e2e-" + referral.getChild().getFamilyName();
    }
}
