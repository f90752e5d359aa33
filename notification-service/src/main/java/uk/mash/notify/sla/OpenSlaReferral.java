package uk.mash.notify.sla;

import java.time.Instant;
import java.util.UUID;

/** A referral at risk of, or past, its deadline to tell the referrer; ids and times only, never the child's details. */
public record OpenSlaReferral(UUID referralId, String status, SlaStage stage, Instant receivedAt, Instant atRiskFrom,
        Instant deadline) {
}
