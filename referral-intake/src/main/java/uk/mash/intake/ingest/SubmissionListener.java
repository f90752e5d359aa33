package uk.mash.intake.ingest;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import uk.mash.events.ReferralSubmitted;
import uk.mash.intake.store.SourcePosition;
import uk.mash.platform.kafka.PlatformKafkaAutoConfiguration;
import uk.mash.platform.kafka.PollTransaction;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Agency systems' submissions from Kafka, handled exactly as REST submissions are: one Kafka and one database
 * transaction per poll.
 */
@Component
class SubmissionListener {

    private final SubmissionIngest ingest;
    private final TopicCatalogue topics;
    private final PollTransaction poll;

    SubmissionListener(SubmissionIngest ingest, TopicCatalogue topics, PollTransaction poll) {
        this.ingest = ingest;
        this.poll = poll;
        this.topics = topics;
    }

    public String topic() {
        return topics.submitted();
    }

    @KafkaListener(topics = "#{__listener.topic()}",
            containerFactory = PlatformKafkaAutoConfiguration.POLL_TRANSACTIONS)
    void onSubmissions(List<ConsumerRecord<String, ReferralSubmitted>> submissions) {
        poll.forEach(submissions, ingest::storeTogether, submission -> ingest.ingest(submission.value(),
                new SourcePosition(submission.partition(), submission.offset())));
    }
}
