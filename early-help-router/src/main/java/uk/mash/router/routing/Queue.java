package uk.mash.router.routing;

import java.util.function.Function;

import uk.mash.platform.topics.TopicCatalogue;

/** The receiving teams' queues, each a topic of the catalogue. */
public enum Queue {

    EARLY_HELP(TopicCatalogue::earlyHelpCases, false),
    /** Children's Social Care, for a Child and Family Assessment under section 17. */
    CSC_ASSESSMENTS(TopicCatalogue::cscAssessments, true),
    /** Children's Social Care, for a section 47 enquiry. */
    CSC_CHILD_PROTECTION(TopicCatalogue::cscChildProtection, true),
    SINGLE_AGENCY(TopicCatalogue::singleAgencyReferrals, false),
    /** The team of the social worker already allocated to the child. */
    CSC_ALLOCATED_WORKER(TopicCatalogue::cscAllocatedWorker, false);

    private final Function<TopicCatalogue, String> topic;
    private final boolean opensCase;

    Queue(Function<TopicCatalogue, String> topic, boolean opensCase) {
        this.topic = topic;
        this.opensCase = opensCase;
    }

    String topicIn(TopicCatalogue topics) {
        return topic.apply(topics);
    }

    /** Whether a case on this queue is open to Children's Social Care, and so belongs in the case registry. */
    boolean opensCase() {
        return opensCase;
    }

    /** Whether a referral on this queue is with Children's Social Care. */
    boolean childrensSocialCare() {
        return opensCase || this == CSC_ALLOCATED_WORKER;
    }
}
