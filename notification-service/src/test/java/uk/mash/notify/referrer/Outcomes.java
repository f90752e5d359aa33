package uk.mash.notify.referrer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import uk.mash.events.Child;
import uk.mash.events.ConsentStatus;
import uk.mash.events.DecidedBy;
import uk.mash.events.DeciderKind;
import uk.mash.events.DecisionReason;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.Referrer;
import uk.mash.events.ReferrerKind;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.serde.GeneratedAvroClasses;

/** Test data builder for outcomes as the notifier consumes them; defaults make a confirmed Early Help outcome. */
final class Outcomes {

    static {
        GeneratedAvroClasses.trust();
    }

    private OutcomeType outcome = OutcomeType.EARLY_HELP;
    private OutcomeStatus status = OutcomeStatus.CONFIRMED;
    private String agencyCode = "SCHOOL-0001";
    private UUID referralId = UUID.randomUUID();

    static Outcomes anOutcome() {
        return new Outcomes();
    }

    Outcomes provisional() {
        this.status = OutcomeStatus.PROVISIONAL;
        return this;
    }

    Outcomes from(String agencyCode) {
        this.agencyCode = agencyCode;
        return this;
    }

    TriageOutcomeIssued build() {
        Child child = new Child();
        child.setGivenNames("Alex");
        child.setFamilyName("Fairweather");
        child.setDisabilities(List.of());
        ReferralSubmitted referral = ReferralSubmitted.newBuilder()
                .setAgencyReference("REF-" + referralId)
                .setSubmittedAt(Instant.parse("2026-11-24T09:00:00Z"))
                .setLocalAuthority("peterborough")
                .setReferrer(Referrer.newBuilder().setAgencyCode(agencyCode).setKind(ReferrerKind.PROFESSIONAL).build())
                .setChild(child)
                .setNatureOfConcern("Fictional concern.")
                .setConsent(ConsentStatus.GIVEN)
                .build();
        return TriageOutcomeIssued.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(referralId)
                .setOutcomeVersion(1)
                .setIssuedAt(Instant.parse("2026-11-24T09:01:00Z"))
                .setReceivedAt(Instant.parse("2026-11-24T09:00:30Z"))
                .setOutcome(outcome)
                .setLevelOfNeed(LevelOfNeed.LEVEL_2)
                .setStatus(status)
                .setPriority(Priority.ROUTINE)
                .setReasons(List.of(new DecisionReason("R1", "Fictional reason.", List.of(), null)))
                .setRulePackId("test")
                .setRulePackVersion("1")
                .setDecidedBy(new DecidedBy(DeciderKind.RULES, null))
                .setChildKey("child-key-1")
                .setReferral(referral)
                .build();
    }
}
