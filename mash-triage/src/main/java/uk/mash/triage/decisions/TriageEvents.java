package uk.mash.triage.decisions;

import java.util.List;

import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;

/** What triage must publish for one received referral: nothing for a duplicate, otherwise its outcomes and tasks. */
record TriageEvents(List<TriageOutcomeIssued> outcomes, List<TriageTaskCreated> tasks) {

    static TriageEvents none() {
        return new TriageEvents(List.of(), List.of());
    }
}
