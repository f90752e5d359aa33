package uk.mash.router.registry;

import java.util.UUID;

/** A child's case open to Children's Social Care, and the team it is allocated to. */
public record OpenCase(UUID caseId, String team) {
}
