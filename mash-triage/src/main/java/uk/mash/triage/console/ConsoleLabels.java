package uk.mash.triage.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.events.TaskKind;
import uk.mash.events.TriageTaskCreated;
import uk.mash.platform.addresses.UnitedKingdom;
import uk.mash.triage.decisions.LaterAccount;

/** How the console words outcomes, levels, priorities and times for MASH workers. */
final class ConsoleLabels {

    /** MASH works to English local authorities' clocks, whatever zone the server runs in. */
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' h:mma", Locale.UK);

    private ConsoleLabels() {
    }

    static String outcome(OutcomeType outcome) {
        return switch (outcome) {
            case SINGLE_AGENCY -> "Single agency response";
            case EARLY_HELP -> "Early Help";
            case SECTION_17_ASSESSMENT -> "Section 17 assessment (child in need)";
            case SECTION_47_ENQUIRY -> "Section 47 enquiry";
            case RETURNED_FOR_CONSENT -> "Returned to the referrer for consent";
            case ALLOCATED_SOCIAL_WORKER -> "Direct to the allocated social worker";
        };
    }

    static String level(LevelOfNeed level) {
        return switch (level) {
            case LEVEL_1 -> "Level 1";
            case LEVEL_2 -> "Level 2";
            case LEVEL_3 -> "Level 3";
        };
    }

    /**
     * A telephone referral reaching triage after its written follow-up is read under the written follow-up's kind of
     * task, whose deadline it shares; its first reason says which it is.
     */
    static String kind(TriageTaskCreated task) {
        boolean lateCall = !task.getReasons().isEmpty()
                && task.getReasons().get(0).getRuleId().equals(LaterAccount.LATE_CALL.ruleId());
        return lateCall && task.getKind() == TaskKind.REVIEW_WRITTEN_FOLLOW_UP
                ? "Read the telephone referral, which arrived after its written follow-up"
                : kind(task.getKind());
    }

    private static String kind(TaskKind kind) {
        return switch (kind) {
            case CONFIRM_OUTCOME -> "Confirm the recommendation";
            case REVIEW_COLLATED_CONCERNS -> "Review collated concerns";
            case REVIEW_SECTION_47 -> "Review section 47 enquiry";
            case REVIEW_WRITTEN_FOLLOW_UP -> "Read the written follow-up";
        };
    }

    static String priority(Priority priority) {
        return switch (priority) {
            case IMMEDIATE -> "Immediate";
            case URGENT -> "Urgent";
            case ROUTINE -> "Routine";
        };
    }

    /** The GOV.UK tag colour for a priority. */
    static String priorityTag(Priority priority) {
        return switch (priority) {
            case IMMEDIATE -> "govuk-tag govuk-tag--red";
            case URGENT -> "govuk-tag govuk-tag--orange";
            case ROUTINE -> "govuk-tag govuk-tag--grey";
        };
    }

    /**
     * The country of an address abroad by its English name, so that a worker sees at once that the child lives
     * outside the UK; nothing for an address in the UK.
     */
    static String country(String isoCode) {
        if (UnitedKingdom.includes(isoCode)) {
            return null;
        }
        String name = new Locale("", isoCode).getDisplayCountry(Locale.UK);
        return name.isEmpty() ? isoCode : name;
    }

    /** GOV.UK style, in London time: "24 November 2026 at 9:30pm". */
    static String when(Instant instant) {
        return WHEN.format(instant.atZone(LONDON)).replace("AM", "am").replace("PM", "pm");
    }
}
