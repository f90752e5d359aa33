package uk.mash.triage.decisions;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.platform.web.StrictJsonBody;

/**
 * Reads a MASH worker's decision strictly, naming every property it does not know and every value it cannot read at
 * once: a finding sent under another name ({@code "immediate_risk": true}) is refused rather than dropped, and the
 * worker's client learns of every field to put right in one answer.
 */
@Component
class WorkerDecisionBodyReader extends StrictJsonBody<WorkerDecision> {

    WorkerDecisionBodyReader(JsonMapper json) {
        super(json, WorkerDecision.class);
    }
}
