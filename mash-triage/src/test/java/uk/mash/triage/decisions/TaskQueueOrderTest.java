package uk.mash.triage.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.events.TaskKind;
import uk.mash.events.TriageTaskCreated;

class TaskQueueOrderTest {

    private static final Instant MONDAY_NINE = Instant.parse("2026-11-30T09:00:00Z");

    @Test
    void onMondayMorningTheUrgentReviewFromSundayNightComesBeforeFridaysRoutineConfirmation() {
        TriageTaskCreated fridayRoutine = task(Priority.ROUTINE, Instant.parse("2026-11-28T01:30:00Z"));
        TriageTaskCreated sundayUrgent = task(Priority.URGENT, Instant.parse("2026-11-30T03:00:00Z"));
        TriageTaskCreated dueThisMorning = task(Priority.IMMEDIATE, MONDAY_NINE.plus(Duration.ofMinutes(30)));
        TriageTaskCreated dueThisAfternoon = task(Priority.ROUTINE, MONDAY_NINE.plus(Duration.ofHours(5)));

        assertThat(TaskQueueOrder.sorted(List.of(dueThisAfternoon, fridayRoutine, dueThisMorning, sundayUrgent),
                MONDAY_NINE)).containsExactly(sundayUrgent, fridayRoutine, dueThisMorning, dueThisAfternoon);
    }

    @Test
    void aTaskIsOverdueFromItsDeadline() {
        assertThat(TaskQueueOrder.isOverdue(task(Priority.URGENT, MONDAY_NINE), MONDAY_NINE)).isTrue();
        assertThat(TaskQueueOrder.isOverdue(task(Priority.URGENT, MONDAY_NINE.plusSeconds(1)), MONDAY_NINE))
                .isFalse();
    }

    private static TriageTaskCreated task(Priority priority, Instant deadline) {
        return TriageTaskCreated.newBuilder()
                .setEventId(UUID.randomUUID())
                .setTaskId(UUID.randomUUID())
                .setReferralId(UUID.randomUUID())
                .setCreatedAt(deadline.minus(Duration.ofHours(4)))
                .setKind(TaskKind.CONFIRM_OUTCOME)
                .setPriority(priority)
                .setDeadline(deadline)
                .setLocalAuthority("peterborough")
                .setRecommendedOutcome(OutcomeType.EARLY_HELP)
                .setLevelOfNeed(LevelOfNeed.LEVEL_2)
                .build();
    }
}
