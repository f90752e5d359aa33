package uk.mash.intake.ingest;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import uk.mash.events.ReferralSubmitted;
import uk.mash.platform.topics.TopicCatalogue;

/** Agency systems' submissions from Kafka, handled exactly as REST submissions are. */
@Component
class SubmissionListener {

    private final SubmissionIngest ingest;
    private final TopicCatalogue topics;

    SubmissionListener(SubmissionIngest ingest, TopicCatalogue topics) {
        this.ingest = ingest;
        this.topics = topics;
    }

    public String topic() {
        return topics.submitted();
    }

    @KafkaListener(topics = "#{__listener.topic()}")
    void onSubmitted(ReferralSubmitted submission) {
        ingest.ingest(submission);
    }
}
