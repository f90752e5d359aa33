package uk.mash.triage.decisions;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import uk.mash.events.TriageTaskCreated;

/**
 * The order a MASH worker takes tasks in: those past their deadline first, the most urgent of them first (after a
 * weekend, a routine confirmation from Friday evening must not sit above an urgent review from Sunday night), then
 * the rest by deadline.
 */
final class TaskQueueOrder {

    private static final Comparator<TriageTaskCreated> MOST_URGENT_FIRST =
            Comparator.comparing(TriageTaskCreated::getPriority, Comparator.reverseOrder());
    private static final Comparator<TriageTaskCreated> SOONEST_DEADLINE_FIRST =
            Comparator.comparing(TriageTaskCreated::getDeadline);

    private TaskQueueOrder() {
    }

    static List<TriageTaskCreated> sorted(List<TriageTaskCreated> tasks, Instant now) {
        Comparator<TriageTaskCreated> overdueFirst = Comparator.comparing(task -> !isOverdue(task, now));
        Comparator<TriageTaskCreated> withinEach = (a, b) -> isOverdue(a, now)
                ? MOST_URGENT_FIRST.thenComparing(SOONEST_DEADLINE_FIRST).compare(a, b)
                : SOONEST_DEADLINE_FIRST.thenComparing(MOST_URGENT_FIRST).compare(a, b);
        return tasks.stream()
                .sorted(overdueFirst.thenComparing(withinEach).thenComparing(TriageTaskCreated::getTaskId))
                .toList();
    }

    static boolean isOverdue(TriageTaskCreated task, Instant now) {
        return !task.getDeadline().isAfter(now);
    }
}
