package uk.mash.triage.console;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import uk.mash.events.Child;
import uk.mash.events.DecisionReason;
import uk.mash.events.Person;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.Referrer;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.triage.decisions.TaskInHand;
import uk.mash.triage.decisions.WrittenFollowUp;

/**
 * What the console shows. The queue carries no personal details of the child, only what a worker needs to choose the
 * next task; the case itself is shown only on the task page, whose opening is audited.
 */
final class TaskViews {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy");

    private TaskViews() {
    }

    record TaskRow(UUID taskId, UUID referralId, String kind, String priority, String priorityTag,
            String recommendedOutcome, String levelOfNeed, String deadline, boolean overdue, String localAuthority,
            String inOtherHands) {

        static TaskRow of(TriageTaskCreated task, boolean overdue, TaskInHand inOtherHands) {
            return new TaskRow(task.getTaskId(), task.getReferralId(), ConsoleLabels.kind(task),
                    ConsoleLabels.priority(task.getPriority()), ConsoleLabels.priorityTag(task.getPriority()),
                    ConsoleLabels.outcome(task.getRecommendedOutcome()), ConsoleLabels.level(task.getLevelOfNeed()),
                    ConsoleLabels.when(task.getDeadline()), overdue, task.getLocalAuthority(),
                    inOtherHands == null ? null : openedBy(inOtherHands));
        }
    }

    /** Who has a task in hand, for the queue's tag and the task page's warning. */
    static String openedBy(TaskInHand inHand) {
        return "Opened by " + inHand.worker() + " at " + ConsoleLabels.when(inHand.since());
    }

    record Reason(String ruleId, String explanation, List<String> matchedFacts, String citation) {

        static Reason of(DecisionReason reason) {
            return new Reason(reason.getRuleId(), reason.getExplanation(), reason.getMatchedFacts(),
                    reason.getCitation());
        }
    }

    /** One row of a GOV.UK summary list. */
    record Row(String key, String value) {
    }

    static List<Reason> reasons(TriageTaskCreated task) {
        return task.getReasons().stream().map(Reason::of).toList();
    }

    static List<Row> recommendation(TriageTaskCreated task, TriageOutcomeIssued latest) {
        return List.of(
                new Row("Task", ConsoleLabels.kind(task)),
                new Row("Priority", ConsoleLabels.priority(task.getPriority())),
                new Row("Decide by", ConsoleLabels.when(task.getDeadline())),
                new Row("Recommended outcome", ConsoleLabels.outcome(task.getRecommendedOutcome())),
                new Row("Level of need", ConsoleLabels.level(task.getLevelOfNeed())),
                new Row("Outcome issued so far", ConsoleLabels.outcome(latest.getOutcome()) + " (version "
                        + latest.getOutcomeVersion() + ", " + latest.getStatus().name().toLowerCase() + ")"),
                new Row("Rule pack", latest.getRulePackId() + " " + latest.getRulePackVersion()));
    }

    static List<Row> referral(UUID referralId, ReferralSubmitted referral) {
        Child child = referral.getChild();
        Referrer referrer = referral.getReferrer();
        List<Row> rows = new ArrayList<>();
        add(rows, "Referral", referralId.toString());
        add(rows, "Agency reference", referral.getAgencyReference());
        add(rows, "Local authority", referral.getLocalAuthority());
        add(rows, "Received by", referral.getChannel().name().toLowerCase());
        add(rows, "Referrer", referrer.getAnonymous() ? "Anonymous"
                : join(referrer.getName(), referrer.getRole(), referrer.getAgencyName(), referrer.getAgencyCode()));
        add(rows, "Child", join(child.getGivenNames(), child.getFamilyName()));
        add(rows, "Date of birth", child.getDateOfBirth() == null ? null : DATE.format(child.getDateOfBirth()));
        add(rows, "Expected due date",
                child.getExpectedDueDate() == null ? null : DATE.format(child.getExpectedDueDate()));
        add(rows, "NHS number", child.getNhsNumber());
        add(rows, "Address", child.getAddress() == null ? null
                : join(String.join(", ", child.getAddress().getLines()), child.getAddress().getTown(),
                        child.getAddress().getPostcode(), ConsoleLabels.country(child.getAddress().getCountry())));
        add(rows, "School or setting", child.getSchoolOrSetting());
        add(rows, "Disabilities", child.getDisabilities().isEmpty() ? null : String.join(", ",
                child.getDisabilities()));
        add(rows, "Nature of concern", referral.getNatureOfConcern());
        add(rows, "Impact on the child", referral.getImpactOnChild());
        add(rows, "Indicators", referral.getIndicatorCodes().isEmpty() ? null
                : String.join(", ", referral.getIndicatorCodes()));
        add(rows, "Immediate risk of significant harm", referral.getImmediateRiskOfSignificantHarm() ? "Yes" : "No");
        add(rows, "Consent", referral.getConsent().name().replace('_', ' ').toLowerCase());
        add(rows, "Parents informed", referral.getParentsInformed() == null ? null
                : referral.getParentsInformed() ? "Yes" : "No");
        add(rows, "Early Help assessment", referral.getEarlyHelpAssessment().name().replace('_', ' ').toLowerCase());
        add(rows, "Gillick competent", referral.getGillickCompetent() == null ? null
                : referral.getGillickCompetent() ? "Yes: the young person's own consent counts" : "No");
        add(rows, "Child's views", referral.getChildViews());
        add(rows, "Support already provided", referral.getSupportAlreadyProvided());
        add(rows, "Strengths and resilience", referral.getStrengthsAndResilience());
        add(rows, "Outcome the referrer hopes for", referral.getDesiredOutcome());
        add(rows, "Parents or carers", people(referral.getParentsOrCarers()));
        add(rows, "Siblings", people(referral.getSiblings()));
        add(rows, "Others in the household", people(referral.getHouseholdMembers()));
        return rows;
    }

    /**
     * A telephone referral's written follow-up, shown as the referral is, each row marked where it is not what was
     * recorded from the call, once the call is on record: the worker must see at once what the referrer added or
     * changed in writing.
     *
     * @param lateCall the call as recorded reached triage after the written follow-up had been triaged as the referral
     */
    record WrittenFollowUpView(String received, boolean triagedAsFirstVersion, boolean lateCall,
            List<ComparedRow> rows) {

        static WrittenFollowUpView of(UUID referralId, WrittenFollowUp written, Optional<ReferralSubmitted> call,
                boolean lateCall) {
            Map<String, String> recorded = new HashMap<>();
            call.ifPresent(recordedCall -> referral(referralId, recordedCall)
                    .forEach(row -> recorded.put(row.key(), row.value())));
            return new WrittenFollowUpView(ConsoleLabels.when(written.receivedAt()), written.triagedAsFirstVersion(),
                    lateCall, referral(referralId, written.referral()).stream().map(row -> new ComparedRow(row.key(),
                            row.value(), call.isPresent() && !row.value().equals(recorded.get(row.key())))).toList());
        }
    }

    /** A row of the written follow-up; {@code notAsCalled} when the call as recorded said otherwise or nothing. */
    record ComparedRow(String key, String value, boolean notAsCalled) {
    }

    /** One row for each other referral about the child: when, from whom, what about, and what was decided. */
    static List<OtherReferral> otherReferrals(List<TriageOutcomeIssued> others) {
        return others.stream().map(OtherReferral::of).toList();
    }

    record OtherReferral(UUID referralId, String received, String agency, String concern, String outcome) {

        static OtherReferral of(TriageOutcomeIssued latest) {
            ReferralSubmitted referral = latest.getReferral();
            return new OtherReferral(latest.getReferralId(), ConsoleLabels.when(latest.getReceivedAt()),
                    join(referral.getReferrer().getAgencyName(), referral.getReferrer().getAgencyCode()),
                    referral.getNatureOfConcern(), ConsoleLabels.outcome(latest.getOutcome()) + " ("
                            + latest.getStatus().name().toLowerCase() + ", version " + latest.getOutcomeVersion()
                            + ")");
        }
    }

    private static String people(List<Person> people) {
        return people.isEmpty() ? null : String.join("; ", people.stream().map(person -> join(person.getName(),
                person.getRelationship(), person.getDateOfBirth() == null ? null
                        : "born " + DATE.format(person.getDateOfBirth()),
                Boolean.TRUE.equals(person.getHasParentalResponsibility()) ? "has parental responsibility" : null,
                person.getPhone())).toList());
    }

    private static void add(List<Row> rows, String key, String value) {
        if (value != null && !value.isBlank()) {
            rows.add(new Row(key, value));
        }
    }

    private static String join(String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                present.add(part);
            }
        }
        return String.join(", ", present);
    }
}
