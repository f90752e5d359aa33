package uk.mash.triage.collation;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import uk.mash.events.CaseRegistryChanged;
import uk.mash.platform.kafka.PlatformKafkaAutoConfiguration;
import uk.mash.platform.kafka.PollTransaction;
import uk.mash.platform.topics.TopicCatalogue;

/** The router's case registry in; triage's own copy kept, so referrals about an open case reach its social worker. */
@Component
class CaseRegistryListener {

    private final ChildCollation collation;
    private final TopicCatalogue topics;
    private final PollTransaction poll;

    CaseRegistryListener(ChildCollation collation, TopicCatalogue topics, PollTransaction poll) {
        this.collation = collation;
        this.poll = poll;
        this.topics = topics;
    }

    public String topic() {
        return topics.caseRegistry();
    }

    @KafkaListener(topics = "#{__listener.topic()}",
            containerFactory = PlatformKafkaAutoConfiguration.POLL_TRANSACTIONS)
    void onCaseRegistryChanges(List<ConsumerRecord<String, CaseRegistryChanged>> changes) {
        poll.forEach(changes, handled -> collation.prepareCases(handled.stream().map(ConsumerRecord::value).toList()),
                change -> collation.recordCase(change.value()));
    }
}
