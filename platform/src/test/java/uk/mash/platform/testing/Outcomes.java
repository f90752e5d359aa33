package uk.mash.platform.testing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import uk.mash.events.Address;
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

/**
 * Test data builder for MASH outcomes as the router and the notifier consume them; defaults make a confirmed Early
 * Help outcome, from a school, about a fictional child in Peterborough.
 */
public final class Outcomes {

    static {
        GeneratedAvroClasses.trust();
    }

    private OutcomeType outcome = OutcomeType.EARLY_HELP;
    private OutcomeStatus status = OutcomeStatus.CONFIRMED;
    private String agencyCode = "SCHOOL-0001";
    private String localAuthority = "peterborough";
    private String postcode = "PE2 5AB";
    private String identifiedOrganisation;
    private String childKey = "child-key-1";
    private UUID referralId = UUID.randomUUID();
    private int version = 1;

    private Outcomes() {
    }

    public static Outcomes anOutcome() {
        return new Outcomes();
    }

    public static Outcomes anOutcome(OutcomeType outcome) {
        Outcomes outcomes = new Outcomes();
        outcomes.outcome = outcome;
        return outcomes;
    }

    /** A later outcome for the same referral, referrer and child, one version on. */
    public Outcomes then(OutcomeType next) {
        Outcomes later = anOutcome(next).from(agencyCode).in(localAuthority).livingAt(postcode).aboutChild(childKey)
                .forOrganisation(identifiedOrganisation);
        later.referralId = referralId;
        later.version = version + 1;
        return later;
    }

    public Outcomes provisional() {
        this.status = OutcomeStatus.PROVISIONAL;
        return this;
    }

    /** The referrer's agency. */
    public Outcomes from(String agencyCode) {
        this.agencyCode = agencyCode;
        return this;
    }

    public Outcomes in(String localAuthority) {
        this.localAuthority = localAuthority;
        return this;
    }

    /** The child's postcode, or null for a child with no known address. */
    public Outcomes livingAt(String postcode) {
        this.postcode = postcode;
        return this;
    }

    public Outcomes forOrganisation(String organisation) {
        this.identifiedOrganisation = organisation;
        return this;
    }

    public Outcomes aboutChild(String childKey) {
        this.childKey = childKey;
        return this;
    }

    public TriageOutcomeIssued build() {
        Child child = new Child();
        child.setGivenNames("Alex");
        child.setFamilyName("Fairweather");
        child.setDisabilities(List.of());
        child.setAddress(postcode == null ? null : new Address(List.of("12 Fictional Road"), "Town", postcode, null));
        ReferralSubmitted referral = ReferralSubmitted.newBuilder()
                .setAgencyReference("REF-" + referralId)
                .setSubmittedAt(Instant.parse("2026-11-24T09:00:00Z"))
                .setLocalAuthority(localAuthority)
                .setReferrer(Referrer.newBuilder().setAgencyCode(agencyCode).setKind(ReferrerKind.PROFESSIONAL).build())
                .setChild(child)
                .setNatureOfConcern("Fictional concern.")
                .setConsent(ConsentStatus.GIVEN)
                .build();
        return TriageOutcomeIssued.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(referralId)
                .setOutcomeVersion(version)
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
                .setIdentifiedOrganisation(identifiedOrganisation)
                .setChildKey(childKey)
                .setReferral(referral)
                .build();
    }
}
