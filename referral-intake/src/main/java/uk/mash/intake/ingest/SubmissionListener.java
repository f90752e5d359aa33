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
 * transaction per poll. A submission that goes to the dead-letter topic is told to its referrer as not received.
 */
@Component
class SubmissionListener {

    private final SubmissionIngest ingest;
    private final TopicCatalogue topics;
    private final PollTransaction poll;
    private final DeadLetteredSubmissions deadLettered;

    SubmissionListener(SubmissionIngest ingest, TopicCatalogue topics, PollTransaction poll,
            DeadLetteredSubmissions deadLettered) {
        this.ingest = ingest;
        this.deadLettered = deadLettered;
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
                new SourcePosition(submission.partition(), submission.offset())), deadLettered::tell);
    }
}
