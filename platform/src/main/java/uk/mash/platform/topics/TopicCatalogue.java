package uk.mash.platform.topics;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every topic the pipeline uses, in one place, bound from {@code referrals.topics.*}. Services name topics only
 * through this catalogue so that a rename is one configuration change.
 *
 * @param submitted submissions from agency systems, keyed by agency reference
 * @param received accepted referrals, keyed by child key so one child's referrals stay in order
 * @param rejected refused submissions with every reason, keyed by agency reference
 * @param triageTasks work for MASH workers, keyed by referral id
 * @param triageOutcomes MASH outcomes, keyed by referral id
 * @param earlyHelpCases cases routed to Early Help
 * @param cscAssessments cases routed to Children's Social Care for a section 17 assessment
 * @param cscChildProtection cases routed to Children's Social Care for a section 47 enquiry
 * @param singleAgencyReferrals cases routed to a single identified agency
 * @param cscAllocatedWorker cases about a child already open to Children's Social Care, for the allocated worker's team
 * @param caseRegistry children's cases open to Children's Social Care, keyed by case id
 * @param followUps written follow-ups of telephone referrals: awaited, received, overdue
 * @param referrerNotifications what each referrer was told
 * @param slaEvents at-risk and breached one-working-day deadlines
 * @param partitions partitions for each topic when the service creates it
 * @param replicationFactor replication factor for each topic when the service creates it; none (the default) leaves
 *        it to the brokers' {@code default.replication.factor}, so that a council's cluster replicates the referrals
 *        as its brokers are set to rather than keeping one copy because the services said so
 * @param create whether services create missing topics at start-up
 */
@ConfigurationProperties("referrals.topics")
public record TopicCatalogue(
        @DefaultValue("referrals.submitted.v1") String submitted,
        @DefaultValue("referrals.received.v1") String received,
        @DefaultValue("referrals.rejected.v1") String rejected,
        @DefaultValue("triage.tasks.v1") String triageTasks,
        @DefaultValue("triage.outcomes.v1") String triageOutcomes,
        @DefaultValue("early-help.cases.v1") String earlyHelpCases,
        @DefaultValue("csc.assessments.v1") String cscAssessments,
        @DefaultValue("csc.child-protection.v1") String cscChildProtection,
        @DefaultValue("single-agency.referrals.v1") String singleAgencyReferrals,
        @DefaultValue("csc.allocated-worker.v1") String cscAllocatedWorker,
        @DefaultValue("csc.case-registry.v1") String caseRegistry,
        @DefaultValue("referrals.follow-ups.v1") String followUps,
        @DefaultValue("referrer.notifications.v1") String referrerNotifications,
        @DefaultValue("sla.events.v1") String slaEvents,
        @DefaultValue("3") int partitions,
        Short replicationFactor,
        @DefaultValue("true") boolean create) {

    /** Suffix of the dead-letter topic beside each consumed topic (Spring Kafka's own default). */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    public List<String> all() {
        return List.of(submitted, received, rejected, triageTasks, triageOutcomes, earlyHelpCases, cscAssessments,
                cscChildProtection, singleAgencyReferrals, cscAllocatedWorker, caseRegistry, followUps,
                referrerNotifications, slaEvents);
    }

    public List<String> routedCaseQueues() {
        return List.of(earlyHelpCases, cscAssessments, cscChildProtection, singleAgencyReferrals, cscAllocatedWorker);
    }

    /** Topics that hold the latest state per key rather than a history: only the newest entry per case matters. */
    public List<String> compacted() {
        return List.of(caseRegistry);
    }

    /** Each topic's dead-letter topic, in the order of {@link #all()}. */
    public List<String> deadLetterTopics() {
        return all().stream().map(TopicCatalogue::deadLetterTopicOf).toList();
    }

    public static String deadLetterTopicOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** The topic whose dead letters {@code deadLetterTopic} holds: where they go back to once put right. */
    public static String topicOfDeadLetters(String deadLetterTopic) {
        if (!deadLetterTopic.endsWith(DEAD_LETTER_SUFFIX)) {
            throw new IllegalArgumentException("Not a dead-letter topic: " + deadLetterTopic);
        }
        return deadLetterTopic.substring(0, deadLetterTopic.length() - DEAD_LETTER_SUFFIX.length());
    }
}
