package uk.mash.triage.decisions;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static uk.mash.triage.decisions.TriageOverPostgres.RECEIVED;
import static uk.mash.triage.decisions.TriageOverPostgres.received;
import static uk.mash.triage.decisions.TriageOverPostgres.writtenFollowUp;
import static uk.mash.triage.rules.Submissions.aValidReferral;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.mash.events.ConsentStatus;
import uk.mash.events.DeciderKind;
import uk.mash.events.DecisionReason;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.TaskKind;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;

/** The rules' recommendation as triage issues it, over real PostgreSQL with the shipped rule packs. */
class ReferralTriageTest {

    /** Two hours after the call: within the 24 hours seed 002 gives the referring professional. */
    private static final Instant WRITTEN = RECEIVED.plus(Duration.ofHours(2));
    private static final String SEED_002_FOLLOW_UP = "All telephone referrals will need to be followed up in writing "
            + "within 24 hours by the referring professional.";

    @TempDir
    static Path dataDir;

    private static TriageOverPostgres triage;

    @BeforeAll
    static void startDatabase() {
        triage = new TriageOverPostgres(dataDir);
    }

    @AfterAll
    static void stopDatabase() {
        triage.close();
    }

    @Test
    void aCaseOpenInAnotherLocalAuthorityDoesNotSendTheReferralToItsSocialWorker() {
        ReferralSubmitted referral = aValidReferral().aboutChild("Elsewhere", "9000000101").in("peterborough")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build();
        triage.caseOpen(referral, "cambridgeshire", "Kit Worker");

        TriageOutcomeIssued outcome = triage.triage(referral).outcomes().get(0);

        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(outcome.getAllocatedSocialWorker()).isNull();
        assertThat(outcome.getAllocatedCaseId()).isNull();
    }

    @Test
    void aReferralMatchedToAChildWithACaseOpenInItsOwnAuthorityNamesThatCase() {
        ReferralSubmitted knownByNhsNumber = aValidReferral().aboutChild("Matched", "9000000102").build();
        UUID peterboroughCase = triage.caseOpen(knownByNhsNumber, "peterborough", "Sam Worker");
        triage.caseOpen(knownByNhsNumber, "cambridgeshire", "Kit Worker");

        TriageOutcomeIssued outcome = triage.triage(aValidReferral().aboutChild("Matched", null).in("peterborough")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build()).outcomes().get(0);

        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.CONFIRMED);
        assertThat(outcome.getAllocatedCaseId()).as("referred without the NHS number the case was opened under")
                .isEqualTo(peterboroughCase);
        assertThat(outcome.getAllocatedSocialWorker()).isEqualTo("Sam Worker");
    }

    @Test
    void aTwinWithoutAnNhsNumberIsNotSentToTheOtherTwinsAllocatedWorker() {
        triage.caseOpen(aValidReferral().aboutChild("Twin", null).withGivenNames("Ava").build(), "peterborough",
                "Sam Worker");

        TriageOutcomeIssued outcome = triage.triage(aValidReferral().aboutChild("Twin", null).withGivenNames("Isla")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build()).outcomes().get(0);

        assertThat(outcome.getOutcome()).as("same family name, date of birth and postcode, another given name")
                .isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(outcome.getAllocatedCaseId()).isNull();
    }

    @Test
    void aChildWithoutAnNhsNumberIsKnownAgainByTheFirstGivenNameWhateverTheOthers() {
        UUID caseId = triage.caseOpen(aValidReferral().aboutChild("Middle", null).withGivenNames("Ava Grace").build(),
                "peterborough", "Sam Worker");

        TriageOutcomeIssued outcome = triage.triage(aValidReferral().aboutChild("Middle", null).withGivenNames("ava")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build()).outcomes().get(0);

        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
        assertThat(outcome.getAllocatedCaseId()).isEqualTo(caseId);
    }

    @Test
    void collatedConcernsLeaveAnAllocatedWorkerOutcomeConfirmedBesideAReviewTask() {
        UUID caseId = triage.caseOpen(aValidReferral().aboutChild("Collated", "9000000103").build(), "peterborough",
                "Sam Worker");
        triage.triage(aValidReferral().aboutChild("Collated", "9000000103").from("SCHOOL-0001").build());
        triage.triage(aValidReferral().aboutChild("Collated", "9000000103").from("HEALTH-0001").build());

        TriageEvents third = triage.triage(aValidReferral().aboutChild("Collated", "9000000103").from("POLICE-0001")
                .withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").withImmediateRiskOfSignificantHarm().build());

        TriageOutcomeIssued outcome = third.outcomes().get(0);
        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
        assertThat(outcome.getStatus()).as("routed to the allocated worker at once").isEqualTo(OutcomeStatus.CONFIRMED);
        assertThat(outcome.getPriority()).isEqualTo(Priority.IMMEDIATE);
        assertThat(outcome.getAllocatedCaseId()).isEqualTo(caseId);
        assertThat(third.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_COLLATED_CONCERNS);
            assertThat(task.getRecommendedOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
        });
    }

    @Test
    void threeAgenciesAboutAChildWhoHasMovedAreCollatedThoughThePoliceGaveNoNhsNumber() {
        triage.triage(aValidReferral().aboutChild("Moved", "9000000127").livingAt("PE1 2AB").from("SCHOOL-0001")
                .build());
        triage.triage(aValidReferral().aboutChild("Moved", "9000000127").livingAt("PE7 8QT").from("HEALTH-0001")
                .build());

        TriageEvents police = triage.triage(aValidReferral().aboutChild("Moved", null).livingAt("PE7 8QT")
                .from("POLICE-0001").withIndicators("POOR_SCHOOL_ATTENDANCE").build());

        assertThat(police.tasks()).as("the child found at the new address the health visitor gave")
                .singleElement().satisfies(task -> assertThat(task.getKind())
                        .isEqualTo(TaskKind.REVIEW_COLLATED_CONCERNS));
    }

    @Test
    void aReferralWithoutIndicatorsIsIssuedProvisionalWithATaskForAWorkerToReadIt() {
        TriageEvents triaged = triage.triage(aValidReferral().aboutChild("Unindicated", "9000000106").build());

        TriageOutcomeIssued outcome = triaged.outcomes().get(0);
        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.SINGLE_AGENCY);
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.PROVISIONAL);
        assertThat(outcome.getReasons()).extracting(DecisionReason::getRuleId)
                .containsExactly("single-agency", "without-indicators");
        assertThat(triaged.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.CONFIRM_OUTCOME);
            assertThat(task.getDeadline()).isEqualTo(RECEIVED.plus(Duration.ofHours(8)));
        });
    }

    @Test
    void aGillickCompetentYoungPersonsEarlyHelpWaitsForAWorkerToCheckTheirOwnConsent() {
        TriageEvents triaged = triage.triage(aValidReferral().aboutChild("Competent", "9000000107")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").gillickCompetent(true, null).build());

        TriageOutcomeIssued outcome = triaged.outcomes().get(0);
        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.PROVISIONAL);
        assertThat(triaged.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.CONFIRM_OUTCOME);
            assertThat(task.getReasons()).extracting(DecisionReason::getRuleId).contains("gillick-competent-consent");
        });
    }

    @Test
    void aChildWhoMayBeASignificantRiskToOthersWithoutConsentIsASection47EnquiryReviewedWithinTheHour() {
        TriageEvents triaged = triage.triage(aValidReferral().aboutChild("Risky", "9000000108")
                .withIndicators("CHILD_RISK_TO_OTHERS").withConsent(ConsentStatus.NOT_SOUGHT).build());

        TriageOutcomeIssued outcome = triaged.outcomes().get(0);
        assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
        assertThat(outcome.getStatus()).as("issued at once, for a worker to confirm")
                .isEqualTo(OutcomeStatus.PROVISIONAL);
        assertThat(outcome.getPriority()).isEqualTo(Priority.URGENT);
        assertThat(outcome.getRulePackVersion()).isEqualTo("1.1.0");
        assertThat(triaged.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_SECTION_47);
            assertThat(task.getDeadline()).isEqualTo(RECEIVED.plus(Duration.ofHours(1)));
        });
    }

    @Test
    void taskDeadlinesRunFromWhenTheReferralWasReceivedNotWhenItWasTriaged() {
        TriageTaskCreated section47Review = triage.triage(aValidReferral().aboutChild("Lagging", "9000000104")
                .withImmediateRiskOfSignificantHarm().build()).tasks().get(0);
        TriageTaskCreated confirmation = triage.triage(aValidReferral().aboutChild("Republished", "9000000105")
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build())
                .tasks().get(0);

        assertThat(section47Review.getKind()).isEqualTo(TaskKind.REVIEW_SECTION_47);
        assertThat(section47Review.getCreatedAt()).isEqualTo(RECEIVED.plus(TriageOverPostgres.LAG));
        assertThat(section47Review.getDeadline()).isEqualTo(RECEIVED.plus(Duration.ofHours(1)));
        assertThat(confirmation.getKind()).isEqualTo(TaskKind.CONFIRM_OUTCOME);
        assertThat(confirmation.getDeadline()).isEqualTo(RECEIVED.plus(Duration.ofHours(8)));
    }

    @Test
    void writtenFollowUpAddingImmediateRiskIssuesAProvisionalSection47() {
        ReferralReceived call = received(aValidReferral().aboutChild("Telephoned", "9000000110").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        TriageOutcomeIssued earlyHelp = triage.triage(call).outcomes().get(0);
        assertThat(earlyHelp.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(earlyHelp.getStatus()).isEqualTo(OutcomeStatus.CONFIRMED);
        ReferralSubmitted written = aValidReferral().aboutChild("Telephoned", "9000000110")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").withImmediateRiskOfSignificantHarm().build();

        TriageEvents followedUp = triage.triage(writtenFollowUp(call, written, WRITTEN));

        TriageOutcomeIssued section47 = followedUp.outcomes().get(0);
        assertThat(followedUp.outcomes()).hasSize(1);
        assertThat(section47.getReferralId()).isEqualTo(call.getReferralId());
        assertThat(section47.getOutcomeVersion()).isEqualTo(2);
        assertThat(section47.getOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
        assertThat(section47.getStatus()).as("routed at once, for a MASH worker to confirm")
                .isEqualTo(OutcomeStatus.PROVISIONAL);
        assertThat(section47.getPriority()).isEqualTo(Priority.IMMEDIATE);
        assertThat(section47.getLevelOfNeed()).isEqualTo(LevelOfNeed.LEVEL_3);
        assertThat(section47.getDecidedBy().getKind()).isEqualTo(DeciderKind.RULES);
        assertThat(section47.getReceivedAt()).as("the call's, which the SLA clock runs from").isEqualTo(RECEIVED);
        assertThat(section47.getReferral()).as("the written referral").isEqualTo(written);
        assertThat(section47.getReasons().get(0)).satisfies(reason -> {
            assertThat(reason.getRuleId()).isEqualTo("written-follow-up");
            assertThat(reason.getCitation()).startsWith("seed 002").contains(SEED_002_FOLLOW_UP);
            assertThat(reason.getExplanation()).contains(WRITTEN.toString());
        });
        assertThat(section47.getReasons()).extracting(DecisionReason::getRuleId)
                .contains("immediate-risk-section-47");
        assertThat(triage.outcomeStatuses(call.getReferralId())).containsExactly("v1 SUPERSEDED", "v2 PROVISIONAL");
        assertThat(followedUp.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_SECTION_47);
            assertThat(task.getPriority()).isEqualTo(Priority.IMMEDIATE);
            assertThat(task.getDeadline()).as("an hour from when the follow-up was received")
                    .isEqualTo(WRITTEN.plus(Duration.ofHours(1)));
            assertThat(task.getReasons()).extracting(DecisionReason::getRuleId).first()
                    .isEqualTo("written-follow-up");
        });
        assertThat(triage.audited("WRITTEN_FOLLOW_UP_TRIAGED", call.getReferralId())).singleElement(as(STRING))
                .contains("SECTION_47_ENQUIRY IMMEDIATE", "immediate-risk-section-47", "issued v2 PROVISIONAL")
                .doesNotContain("Telephoned", "9000000110", "Alex");
    }

    @Test
    void writtenFollowUpSayingNoMoreOpensATaskButIssuesNoOutcome() {
        ReferralReceived call = received(aValidReferral().aboutChild("SaidItAll", "9000000111").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        triage.triage(call);

        TriageEvents followedUp = triage.triage(writtenFollowUp(call, aValidReferral()
                .aboutChild("SaidItAll", "9000000111").withIndicators("POOR_SCHOOL_ATTENDANCE").build(), WRITTEN));

        assertThat(followedUp.outcomes()).isEmpty();
        assertThat(triage.latestOutcome(call.getReferralId())).satisfies(standing -> {
            assertThat(standing.getOutcomeVersion()).isEqualTo(1);
            assertThat(standing.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        });
        assertThat(followedUp.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_WRITTEN_FOLLOW_UP);
            assertThat(task.getRecommendedOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
            assertThat(task.getDeadline()).as("written-follow-up-review-within, from when it was received")
                    .isEqualTo(WRITTEN.plus(Duration.ofHours(4)));
            assertThat(task.getReasons().get(0)).satisfies(reason -> {
                assertThat(reason.getRuleId()).isEqualTo("written-follow-up");
                assertThat(reason.getCitation()).contains(SEED_002_FOLLOW_UP);
                assertThat(reason.getExplanation()).contains("nothing more serious than version 1");
            });
        });
        assertThat(triage.audited("WRITTEN_FOLLOW_UP_TRIAGED", call.getReferralId())).singleElement(as(STRING))
                .contains("no version issued", "REVIEW_WRITTEN_FOLLOW_UP");
    }

    @Test
    void writtenFollowUpLeavingOutImmediateRiskIssuesNothingAndItsTaskKeepsTheImmediatePriority() {
        ReferralReceived call = received(aValidReferral().aboutChild("SteppedBack", "9000000112").byTelephone()
                .withImmediateRiskOfSignificantHarm().withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").build());
        assertThat(triage.triage(call).outcomes().get(0).getPriority()).isEqualTo(Priority.IMMEDIATE);

        TriageEvents followedUp = triage.triage(writtenFollowUp(call, aValidReferral()
                .aboutChild("SteppedBack", "9000000112").withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").build(),
                WRITTEN));

        assertThat(followedUp.outcomes()).as("an urgent section 47 is no more than the immediate one issued").isEmpty();
        assertThat(followedUp.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_SECTION_47);
            assertThat(task.getPriority()).as("never below the outcome that stands").isEqualTo(Priority.IMMEDIATE);
        });
    }

    @Test
    void redeliveredWrittenFollowUpResendsWhatWasStored() {
        ReferralReceived call = received(aValidReferral().aboutChild("Redelivered", "9000000113").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        triage.triage(call);
        ConsumerRecord<String, ReferralReceived> record = triage.atNextOffset(writtenFollowUp(call, aValidReferral()
                .aboutChild("Redelivered", "9000000113").withIndicators("POOR_SCHOOL_ATTENDANCE")
                .withImmediateRiskOfSignificantHarm().build(), WRITTEN));
        TriageEvents first = triage.poll(List.of(record)).get(0);

        TriageEvents again = triage.poll(List.of(record)).get(0);

        assertThat(first.outcomes()).hasSize(1);
        assertThat(again.outcomes()).as("the same events, event ids and all").isEqualTo(first.outcomes());
        assertThat(again.tasks()).hasSize(1).isEqualTo(first.tasks());
        assertThat(triage.outcomeStatuses(call.getReferralId())).containsExactly("v1 SUPERSEDED", "v2 PROVISIONAL");
        assertThat(triage.audited("WRITTEN_FOLLOW_UP_TRIAGED", call.getReferralId())).hasSize(1);
    }

    @Test
    void writtenFollowUpFromAnotherPositionSendsNothing() {
        ReferralReceived call = received(aValidReferral().aboutChild("Duplicated", "9000000114").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        triage.triage(call);
        ReferralReceived followUp = writtenFollowUp(call, aValidReferral().aboutChild("Duplicated", "9000000114")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").withImmediateRiskOfSignificantHarm().build(), WRITTEN);
        assertThat(triage.triage(followUp).outcomes()).hasSize(1);

        TriageEvents duplicate = triage.triage(followUp);

        assertThat(duplicate.outcomes()).isEmpty();
        assertThat(duplicate.tasks()).isEmpty();
        assertThat(triage.outcomeStatuses(call.getReferralId())).containsExactly("v1 SUPERSEDED", "v2 PROVISIONAL");
        assertThat(triage.audited("WRITTEN_FOLLOW_UP_REPEATED", call.getReferralId())).singleElement(as(STRING))
                .contains("nothing sent");
    }

    @Test
    void writtenFollowUpOfACallTriageNeverReceivedIsTriagedAsTheReferralsFirstVersion() {
        ReferralReceived lostCall = received(aValidReferral().aboutChild("LostCall", "9000000115").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        ReferralSubmitted written = aValidReferral().aboutChild("LostCall", "9000000115")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").withImmediateRiskOfSignificantHarm().build();
        ReferralReceived followUp = writtenFollowUp(lostCall, written, WRITTEN);

        TriageEvents triaged = triage.triage(followUp);

        assertThat(triaged.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.getOutcomeVersion()).isEqualTo(1);
            assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
            assertThat(outcome.getReferral()).isEqualTo(written);
        });
        assertThat(triaged.tasks()).singleElement().satisfies(task -> assertThat(task.getDeadline())
                .as("as the referral's first version, from when the call was received")
                .isEqualTo(RECEIVED.plus(Duration.ofHours(1))));
        assertThat(triage.audited("WRITTEN_FOLLOW_UP_TRIAGED", followUp.getReferralId())).singleElement(as(STRING))
                .contains("first version", "no record of the telephone referral");
        assertThat(triage.triage(followUp)).as("a copy from another position").satisfies(copy -> {
            assertThat(copy.outcomes()).isEmpty();
            assertThat(copy.tasks()).isEmpty();
        });
    }

    @Test
    void theCallAndItsWrittenFollowUpInOnePollAreEachSentAgainAsTheyWereWhenThePollIsRedelivered() {
        ReferralReceived call = received(aValidReferral().aboutChild("OnePoll", "9000000116").byTelephone()
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build());
        List<ConsumerRecord<String, ReferralReceived>> poll = List.of(triage.atNextOffset(call),
                triage.atNextOffset(writtenFollowUp(call, aValidReferral().aboutChild("OnePoll", "9000000116")
                        .withIndicators("FAMILY_BREAKDOWN").withImmediateRiskOfSignificantHarm().build(), WRITTEN)));

        List<TriageEvents> triaged = triage.poll(poll);
        List<TriageEvents> redelivered = triage.poll(poll);

        assertThat(triaged.get(0).outcomes()).extracting(TriageOutcomeIssued::getOutcomeVersion,
                TriageOutcomeIssued::getOutcome).containsExactly(tuple(1, OutcomeType.RETURNED_FOR_CONSENT));
        assertThat(triaged.get(1).outcomes()).as("the call's version 1 read before the poll committed")
                .extracting(TriageOutcomeIssued::getOutcomeVersion, TriageOutcomeIssued::getOutcome)
                .containsExactly(tuple(2, OutcomeType.SECTION_47_ENQUIRY));
        assertThat(redelivered.get(0).outcomes()).isEqualTo(triaged.get(0).outcomes());
        assertThat(redelivered.get(0).tasks()).as("not the written follow-up's").isEqualTo(triaged.get(0).tasks());
        assertThat(redelivered.get(1).outcomes()).isEqualTo(triaged.get(1).outcomes());
        assertThat(redelivered.get(1).tasks()).isEqualTo(triaged.get(1).tasks());
    }

    @Test
    void writtenFollowUpRaisingThePriorityOfAReferralToTheAllocatedSocialWorkerIsIssuedConfirmed() {
        ReferralSubmitted aboutTheChild = aValidReferral().aboutChild("Allocated", "9000000117").build();
        UUID caseId = triage.caseOpen(aboutTheChild, "peterborough", "Sam Worker");
        ReferralReceived call = received(aValidReferral().aboutChild("Allocated", "9000000117").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        assertThat(triage.triage(call).outcomes().get(0).getPriority()).isEqualTo(Priority.URGENT);

        TriageEvents followedUp = triage.triage(writtenFollowUp(call, aValidReferral()
                .aboutChild("Allocated", "9000000117").withIndicators("POOR_SCHOOL_ATTENDANCE")
                .withImmediateRiskOfSignificantHarm().build(), WRITTEN));

        assertThat(followedUp.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.getOutcomeVersion()).isEqualTo(2);
            assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
            assertThat(outcome.getPriority()).isEqualTo(Priority.IMMEDIATE);
            assertThat(outcome.getStatus()).as("routed to the social worker at once, as on a call")
                    .isEqualTo(OutcomeStatus.CONFIRMED);
            assertThat(outcome.getAllocatedCaseId()).isEqualTo(caseId);
        });
        assertThat(followedUp.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_WRITTEN_FOLLOW_UP);
            assertThat(task.getPriority()).isEqualTo(Priority.IMMEDIATE);
        });
    }

    @Test
    void writtenFollowUpIsNotCountedAsASecondReferralAboutTheChild() {
        triage.triage(aValidReferral().aboutChild("CountedOnce", "9000000118").from("SCHOOL-0001").build());
        triage.triage(aValidReferral().aboutChild("CountedOnce", "9000000118").from("HEALTH-0001").build());
        ReferralReceived call = received(aValidReferral().aboutChild("CountedOnce", "9000000118").from("POLICE-0001")
                .byTelephone().withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        assertThat(collatedFacts(triage.triage(call).outcomes().get(0).getReasons()))
                .containsExactly("3 referrals from 3 different agencies about this child within 30 days");

        TriageEvents followedUp = triage.triage(writtenFollowUp(call, aValidReferral()
                .aboutChild("CountedOnce", "9000000118").from("POLICE-0001").withIndicators("POOR_SCHOOL_ATTENDANCE")
                .build(), WRITTEN));

        assertThat(collatedFacts(followedUp.tasks().get(0).getReasons()))
                .containsExactly("3 referrals from 3 different agencies about this child within 30 days");
    }

    @Test
    void aWrittenFollowUpTriagedAsTheReferralIsGivenToAWorkerToReadThoughItsOutcomeStandsWithoutOne() {
        ReferralReceived lostCall = received(aValidReferral().aboutChild("Standing", "9000000119").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        ConsumerRecord<String, ReferralReceived> record = triage.atNextOffset(writtenFollowUp(lostCall,
                aValidReferral().aboutChild("Standing", "9000000119").withIndicators("POOR_SCHOOL_ATTENDANCE").build(),
                WRITTEN));

        TriageEvents triaged = triage.poll(List.of(record)).get(0);

        assertThat(triaged.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
            assertThat(outcome.getStatus()).as("stands without a worker, as on a call")
                    .isEqualTo(OutcomeStatus.CONFIRMED);
        });
        assertThat(triaged.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_WRITTEN_FOLLOW_UP);
            assertThat(task.getDeadline()).as("written-follow-up-review-within, from when it was received")
                    .isEqualTo(WRITTEN.plus(Duration.ofHours(4)));
            assertThat(task.getReasons().get(0)).satisfies(reason -> {
                assertThat(reason.getRuleId()).isEqualTo("written-follow-up");
                assertThat(reason.getExplanation()).contains("triaged as the referral", "no record of the call");
                assertThat(reason.getCitation()).contains(SEED_002_FOLLOW_UP);
            });
        });
        assertThat(triage.poll(List.of(record)).get(0)).as("sent again on redelivery").isEqualTo(triaged);
        assertThat(triage.audited("WRITTEN_FOLLOW_UP_TRIAGED", lostCall.getReferralId())).singleElement(as(STRING))
                .contains("first version", "REVIEW_WRITTEN_FOLLOW_UP");
    }

    @Test
    void aCallArrivingAfterItsWrittenFollowUpIsTriagedOnWhatOnlyTheCallSaid() {
        ReferralSubmitted telephoned = aValidReferral().aboutChild("LateCall", "9000000120").byTelephone()
                .withIndicators("FAMILY_BREAKDOWN").withImmediateRiskOfSignificantHarm().build();
        ReferralReceived call = received(telephoned);
        ReferralSubmitted written = aValidReferral().aboutChild("LateCall", "9000000120")
                .withIndicators("FAMILY_BREAKDOWN").build();
        TriageOutcomeIssued assessment = triage.triage(writtenFollowUp(call, written, WRITTEN)).outcomes().get(0);
        assertThat(assessment.getOutcome()).isEqualTo(OutcomeType.SECTION_17_ASSESSMENT);

        TriageEvents late = triage.triage(call);

        assertThat(late.outcomes()).singleElement().satisfies(section47 -> {
            assertThat(section47.getOutcomeVersion()).isEqualTo(2);
            assertThat(section47.getOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
            assertThat(section47.getPriority()).as("immediate risk reported on the telephone")
                    .isEqualTo(Priority.IMMEDIATE);
            assertThat(section47.getStatus()).isEqualTo(OutcomeStatus.PROVISIONAL);
            assertThat(section47.getReasons().get(0).getRuleId())
                    .isEqualTo("telephone-referral-after-written-follow-up");
            assertThat(section47.getReferral()).as("the referrer's written account, which the router and the "
                    + "notifier read, not the call as heard").isEqualTo(written);
        });
        assertThat(late.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_SECTION_47);
            assertThat(task.getDeadline()).as("from when the MASH recorded the call, as for any late referral")
                    .isEqualTo(RECEIVED.plus(Duration.ofHours(1)));
        });
        assertThat(triage.outcomeStatuses(call.getReferralId())).containsExactly("v1 SUPERSEDED", "v2 PROVISIONAL");
        assertThat(triage.audited("LATE_CALL_TRIAGED", call.getReferralId())).singleElement(as(STRING))
                .contains("telephone referral received " + RECEIVED, "SECTION_47_ENQUIRY IMMEDIATE",
                        "issued v2 PROVISIONAL")
                .doesNotContain("LateCall", "9000000120", "Alex");
        ReferralAsKnown known = triage.decisions().openForDecision(late.tasks().get(0).getTaskId(),
                TriageOverPostgres.WORKER).referral();
        assertThat(known.lateCall()).contains(telephoned);
        assertThat(known.asRecorded()).contains(telephoned);
        assertThat(known.immediateRisk()).isTrue();
    }

    @Test
    void aLateCallIsSentAgainOnRedeliveryAndACopyFromAnotherPositionSendsNothing() {
        ReferralReceived call = received(aValidReferral().aboutChild("LateAgain", "9000000121").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        triage.triage(writtenFollowUp(call, aValidReferral().aboutChild("LateAgain", "9000000121")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build(), WRITTEN));
        ConsumerRecord<String, ReferralReceived> record = triage.atNextOffset(call);
        TriageEvents first = triage.poll(List.of(record)).get(0);

        TriageEvents again = triage.poll(List.of(record)).get(0);
        TriageEvents copy = triage.triage(call);

        assertThat(first.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_WRITTEN_FOLLOW_UP);
            assertThat(task.getReasons().get(0).getExplanation()).contains("nothing more serious than version 1");
        });
        assertThat(again).as("the same events, event ids and all").isEqualTo(first);
        assertThat(copy.outcomes()).isEmpty();
        assertThat(copy.tasks()).isEmpty();
        assertThat(triage.audited("LATE_CALL_TRIAGED", call.getReferralId())).hasSize(1);
        assertThat(triage.audited("LATE_CALL_REPEATED", call.getReferralId())).singleElement(as(STRING))
                .contains("nothing sent");
    }

    @Test
    void aReferralReceivedAgainFromAnotherPositionSendsNothingAndIsAudited() {
        ReferralReceived referral = received(aValidReferral().aboutChild("Twice", "9000000122")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").build());
        triage.triage(referral);

        TriageEvents duplicate = triage.triage(referral);

        assertThat(duplicate.outcomes()).isEmpty();
        assertThat(duplicate.tasks()).isEmpty();
        assertThat(triage.audited("REFERRAL_REPEATED", referral.getReferralId())).singleElement(as(STRING))
                .contains("nothing sent");
    }

    @Test
    void aWrittenFollowUpOutrankingAWorkersSection47RaisesItsPriorityAndKeepsItInChildProtection() {
        ReferralReceived call = received(aValidReferral().aboutChild("Protected", "9000000123").byTelephone()
                .withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").build());
        TriageTaskCreated review = triage.triage(call).tasks().get(0);
        TriageOutcomeIssued confirmed = triage.decide(review.getTaskId(), new WorkerDecision(
                WorkerDecision.Decision.CONFIRM, null, null, "Bruising seen by the school nurse.", false, false, false,
                false, null, null, null));
        assertThat(confirmed.getPriority()).isEqualTo(Priority.URGENT);
        triage.caseOpen(aValidReferral().aboutChild("Protected", "9000000123").build(), "peterborough", "Sam Worker");

        TriageEvents followedUp = triage.triage(writtenFollowUp(call, aValidReferral()
                .aboutChild("Protected", "9000000123").withIndicators("ABUSE_OR_NEGLECT_SUSPECTED")
                .withImmediateRiskOfSignificantHarm().build(), WRITTEN));

        assertThat(followedUp.outcomes()).singleElement().satisfies(raised -> {
            assertThat(raised.getOutcomeVersion()).isEqualTo(3);
            assertThat(raised.getOutcome()).as("the worker's, not the allocated worker the rules recommend")
                    .isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
            assertThat(raised.getPriority()).isEqualTo(Priority.IMMEDIATE);
            assertThat(raised.getStatus()).as("the worker's").isEqualTo(OutcomeStatus.CONFIRMED);
            assertThat(raised.getDecidedBy().getKind()).isEqualTo(DeciderKind.RULES);
            assertThat(raised.getAllocatedSocialWorker()).isNull();
            assertThat(raised.getLevelOfNeed()).isEqualTo(confirmed.getLevelOfNeed());
            assertThat(raised.getReasons()).extracting(DecisionReason::getRuleId)
                    .startsWith("written-follow-up", "mash-worker-confirmation");
        });
        assertThat(followedUp.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getRecommendedOutcome()).isEqualTo(OutcomeType.ALLOCATED_SOCIAL_WORKER);
            assertThat(task.getPriority()).isEqualTo(Priority.IMMEDIATE);
        });
        assertThat(triage.audited("WRITTEN_FOLLOW_UP_TRIAGED", call.getReferralId())).singleElement(as(STRING))
                .contains("issued v3 CONFIRMED keeping the MASH worker's outcome at the raised priority");
    }

    @Test
    void aWrittenFollowUpRewordingTheCallDoesNotUndoAWorkersStepDown() {
        ReferralReceived call = received(aValidReferral().aboutChild("SteppedDown", "9000000124").byTelephone()
                .withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").build());
        TriageTaskCreated review = triage.triage(call).tasks().get(0);
        TriageOutcomeIssued earlyHelp = triage.decide(review.getTaskId(), new WorkerDecision(
                WorkerDecision.Decision.OVERRIDE, OutcomeType.EARLY_HELP, null, "The GP explained the bruise.", false,
                false, true, false, null, null, null));

        TriageEvents followedUp = triage.triage(writtenFollowUp(call, aValidReferral()
                .aboutChild("SteppedDown", "9000000124").withIndicators("ABUSE_OR_NEGLECT_SUSPECTED")
                .concerning("In writing: the same bruise, in the school's words.").build(), WRITTEN));

        assertThat(followedUp.outcomes()).as("nothing the worker has not read already").isEmpty();
        assertThat(triage.latestOutcome(call.getReferralId())).isEqualTo(earlyHelp);
        assertThat(followedUp.tasks()).singleElement().satisfies(task -> {
            assertThat(task.getKind()).isEqualTo(TaskKind.REVIEW_SECTION_47);
            assertThat(task.getReasons().get(0).getExplanation()).contains("a MASH worker's decision",
                    "nothing that raises the priority");
        });
    }

    @Test
    void aWrittenFollowUpSayingSeekingConsentWouldPutTheChildAtRiskTakesAReturnForConsentToChildProtection() {
        ReferralReceived call = received(aValidReferral().aboutChild("Returned", "9000000126").byTelephone()
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build());
        TriageTaskCreated confirmation = triage.triage(call).tasks().get(0);
        triage.decide(confirmation.getTaskId(), new WorkerDecision(WorkerDecision.Decision.OVERRIDE,
                OutcomeType.RETURNED_FOR_CONSENT, null, "The family refused; the referrer is to seek consent again.",
                false, false, false, false, null, null, null));

        TriageEvents followedUp = triage.triage(writtenFollowUp(call, aValidReferral()
                .aboutChild("Returned", "9000000126").withIndicators("ABUSE_OR_NEGLECT_SUSPECTED")
                .withConsent(ConsentStatus.NOT_SOUGHT_RISK_OF_HARM).build(), WRITTEN));

        assertThat(followedUp.outcomes()).singleElement().satisfies(section47 -> {
            assertThat(section47.getOutcome()).as("never the return for consent again at a raised priority")
                    .isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
            assertThat(section47.getStatus()).as("routed at once, for a worker to confirm")
                    .isEqualTo(OutcomeStatus.PROVISIONAL);
        });
    }

    @Test
    void immediateRiskInAWrittenFollowUpReachesChildProtectionOverAWorkersEarlyHelp() {
        ReferralReceived call = received(aValidReferral().aboutChild("Escalated", "9000000125").byTelephone()
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build());
        TriageTaskCreated confirmation = triage.triage(call).tasks().get(0);
        triage.decide(confirmation.getTaskId(), new WorkerDecision(WorkerDecision.Decision.OVERRIDE,
                OutcomeType.EARLY_HELP, null, "Mother agreed when the MASH called.", false, true, false, false, null,
                null, null));

        TriageEvents followedUp = triage.triage(writtenFollowUp(call, aValidReferral()
                .aboutChild("Escalated", "9000000125").withIndicators("FAMILY_BREAKDOWN")
                .withImmediateRiskOfSignificantHarm().build(), WRITTEN));

        assertThat(followedUp.outcomes()).singleElement().satisfies(section47 -> {
            assertThat(section47.getOutcome()).isEqualTo(OutcomeType.SECTION_47_ENQUIRY);
            assertThat(section47.getPriority()).isEqualTo(Priority.IMMEDIATE);
            assertThat(section47.getStatus()).as("routed at once, for a worker to confirm")
                    .isEqualTo(OutcomeStatus.PROVISIONAL);
            assertThat(section47.getReasons().get(0).getExplanation())
                    .contains("must reach child protection at once", "a MASH worker's decision");
        });
    }

    private static List<String> collatedFacts(List<DecisionReason> reasons) {
        return reasons.stream().filter(reason -> reason.getRuleId().equals("collated-concerns"))
                .flatMap(reason -> reason.getMatchedFacts().stream()).toList();
    }
}
