package uk.mash.triage.collation;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import uk.mash.events.CaseRegistryChanged;
import uk.mash.platform.topics.TopicCatalogue;

/** The router's case registry in; triage's own copy kept, so referrals about an open case reach its social worker. */
@Component
class CaseRegistryListener {

    private final ChildCollation collation;
    private final TopicCatalogue topics;

    CaseRegistryListener(ChildCollation collation, TopicCatalogue topics) {
        this.collation = collation;
        this.topics = topics;
    }

    public String topic() {
        return topics.caseRegistry();
    }

    @KafkaListener(topics = "#{__listener.topic()}")
    void onCaseRegistryChanged(CaseRegistryChanged change) {
        collation.recordCase(change);
    }
}
