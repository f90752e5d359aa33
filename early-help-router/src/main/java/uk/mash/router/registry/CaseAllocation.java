package uk.mash.router.registry;

import java.util.Optional;
import java.util.UUID;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.mash.events.CaseRegistryChanged;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Allocates a named social worker to an open case and publishes the changed registry entry. The entry is published
 * in a Kafka transaction inside the database transaction, so a failed publish leaves the case unchanged; should the
 * database commit fail after Kafka's, the same request sent again publishes the same state once more, which
 * consumers keyed by case id take as the latest.
 */
@Service
class CaseAllocation {

    private final CaseRegistry registry;
    private final KafkaTemplate<String, Object> kafka;
    private final TopicCatalogue topics;

    CaseAllocation(CaseRegistry registry, KafkaTemplate<String, Object> kafka, TopicCatalogue topics) {
        this.registry = registry;
        this.kafka = kafka;
        this.topics = topics;
    }

    @Transactional
    CaseRegistryChanged allocate(UUID caseId, String socialWorker) {
        Optional<CaseRegistryChanged> changed = registry.allocate(caseId, socialWorker);
        changed.ifPresent(entry -> kafka.executeInTransaction(
                operations -> operations.send(topics.caseRegistry(), caseId.toString(), entry)));
        return changed.orElseGet(() -> registry.entry(caseId));
    }
}
