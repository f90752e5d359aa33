package uk.mash.localstack.routing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import uk.mash.events.DecidedBy;
import uk.mash.events.DeciderKind;
import uk.mash.events.DecisionReason;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.localstack.DemoClients;
import uk.mash.localstack.ReferralSubmissions;
import uk.mash.platform.serde.GeneratedAvroClasses;

/**
 * Test data builder for outcomes as triage (or, later, a MASH worker) issues them, so that tests control the outcome
 * version. Defaults make a confirmed Early Help outcome, version 1, for a fictional child in Peterborough's South
 * locality.
 */
final class TriageOutcomes {

    static {
        GeneratedAvroClasses.trust();
    }

    private UUID referralId = UUID.randomUUID();
    private int version = 1;
    private OutcomeType outcome = OutcomeType.EARLY_HELP;
    private OutcomeStatus status = OutcomeStatus.CONFIRMED;
    private Priority priority = Priority.ROUTINE;
    private LevelOfNeed level = LevelOfNeed.LEVEL_2;
    private String localAuthority = "peterborough";
    private String postcode = "PE2 5AB";
    private String identifiedOrganisation;
    private String allocatedSocialWorker;
    private String childKey = "child-" + UUID.randomUUID();

    static TriageOutcomes anOutcome(OutcomeType outcome) {
        TriageOutcomes outcomes = new TriageOutcomes();
        outcomes.outcome = outcome;
        switch (outcome) {
            case SECTION_47_ENQUIRY -> outcomes.withPriority(Priority.IMMEDIATE, LevelOfNeed.LEVEL_3);
            case SECTION_17_ASSESSMENT, ALLOCATED_SOCIAL_WORKER -> outcomes.withPriority(Priority.URGENT,
                    LevelOfNeed.LEVEL_3);
            case SINGLE_AGENCY -> {
                outcomes.withPriority(Priority.ROUTINE, LevelOfNeed.LEVEL_1);
                outcomes.identifiedOrganisation = "Fictional Primary School";
            }
            default -> {
            }
        }
        return outcomes;
    }

    /** A later outcome for the same referral and child, one version on. */
    TriageOutcomes supersededBy(OutcomeType next) {
        TriageOutcomes later = anOutcome(next).forReferral(referralId).aboutChild(childKey).in(localAuthority)
                .livingAt(postcode);
        later.version = version + 1;
        return later;
    }

    TriageOutcomes forReferral(UUID referralId) {
        this.referralId = referralId;
        return this;
    }

    TriageOutcomes provisional() {
        this.status = OutcomeStatus.PROVISIONAL;
        return this;
    }

    TriageOutcomes in(String localAuthority) {
        this.localAuthority = localAuthority;
        return this;
    }

    TriageOutcomes livingAt(String postcode) {
        this.postcode = postcode;
        return this;
    }

    TriageOutcomes aboutChild(String childKey) {
        this.childKey = childKey;
        return this;
    }

    TriageOutcomes forAllocatedWorker(String socialWorker) {
        this.allocatedSocialWorker = socialWorker;
        return this;
    }

    private TriageOutcomes withPriority(Priority priority, LevelOfNeed level) {
        this.priority = priority;
        this.level = level;
        return this;
    }

    UUID referralId() {
        return referralId;
    }

    String childKey() {
        return childKey;
    }

    TriageOutcomeIssued build() {
        ReferralSubmitted referral = ReferralSubmissions.aReferral()
                .withAgencyReference("ROUTE-" + referralId)
                .from(DemoClients.SCHOOL)
                .inLocalAuthority(localAuthority)
                .aboutChild("Fictional", null)
                .livingAt(postcode)
                .build();
        return TriageOutcomeIssued.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(referralId)
                .setOutcomeVersion(version)
                .setIssuedAt(Instant.now())
                .setReceivedAt(Instant.now())
                .setOutcome(outcome)
                .setLevelOfNeed(level)
                .setStatus(status)
                .setPriority(priority)
                .setReasons(List.of(new DecisionReason("TEST-RULE", "Issued by a routing test.", List.of(), null)))
                .setRulePackId("routing-test")
                .setRulePackVersion("1")
                .setDecidedBy(version == 1 ? new DecidedBy(DeciderKind.RULES, null)
                        : new DecidedBy(DeciderKind.WORKER, "demo-mash-worker"))
                .setIdentifiedOrganisation(identifiedOrganisation)
                .setAllocatedSocialWorker(allocatedSocialWorker)
                .setChildKey(childKey)
                .setReferral(referral)
                .build();
    }
}
