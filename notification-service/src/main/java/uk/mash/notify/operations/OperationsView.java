package uk.mash.notify.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import uk.mash.events.NotificationChannel;
import uk.mash.notify.delivery.Deliveries;
import uk.mash.notify.sla.OpenSlaReferral;
import uk.mash.notify.sla.SlaStage;
import uk.mash.platform.topics.TopicCatalogue;

/** What the operations page shows, in words and London times; ids and counts only, never a child's details. */
final class OperationsView {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' h:mm:ssa", Locale.UK);

    private OperationsView() {
    }

    /** A consumer group: all its records still to handle, and how long the oldest has waited. */
    record GroupRow(String group, long records, String oldestWaiting, String status, String tag) {
    }

    /** A partition on which a group has records still to handle. */
    record PartitionRow(String group, String topic, int partition, long records, String oldestWaiting) {
    }

    /** A referral at risk of, or past, its deadline to tell the referrer. */
    record SlaRow(String referralId, String status, String tag, String stage, String received, String deadline) {
    }

    /** A dead-letter topic with records waiting: how many, since when, why, and where they would go back to. */
    record DeadLetterRow(String topic, String formId, String origin, long waiting, String oldestWaiting,
            String reasons, List<DeadLetterRecordRow> records) {
    }

    /**
     * One dead letter: its key (an agency reference, a referral id or a child key), where it is, when and why, and the
     * form that dismisses it.
     */
    record DeadLetterRecordRow(String key, String position, String deadLettered, String reason, int partition,
            long offset, String formId) {
    }

    static List<GroupRow> groups(Collection<String> groups, LagReading reading, Instant now, Duration ageWarning) {
        Map<String, long[]> byGroup = new LinkedHashMap<>();
        groups.forEach(group -> byGroup.put(group, new long[2]));
        for (PartitionLag lag : reading.partitions()) {
            long[] totals = byGroup.computeIfAbsent(lag.group(), group -> new long[2]);
            totals[0] += lag.records();
            totals[1] = Math.max(totals[1], lag.ageSeconds(now));
        }
        return byGroup.entrySet().stream().map(group -> {
            long records = group.getValue()[0];
            long age = group.getValue()[1];
            boolean behind = age > ageWarning.toSeconds();
            return new GroupRow(group.getKey(), records, records == 0 ? "Nothing waiting" : waited(age),
                    behind ? "Behind" : records == 0 ? "Up to date" : "Working",
                    behind ? "govuk-tag govuk-tag--red" : records == 0 ? "govuk-tag govuk-tag--green"
                            : "govuk-tag govuk-tag--blue");
        }).toList();
    }

    static List<PartitionRow> lagging(LagReading reading, Instant now) {
        return reading.partitions().stream()
                .filter(lag -> lag.records() > 0)
                .map(lag -> new PartitionRow(lag.group(), lag.topic(), lag.partition(), lag.records(),
                        waited(lag.ageSeconds(now))))
                .toList();
    }

    /** A message its destination refused: to whom, on which channel, when and why. */
    record RefusedRow(String referralId, String agency, String channel, String refusedAt, String reason) {
    }

    static List<RefusedRow> refused(List<Deliveries.RefusedMessage> messages) {
        return messages.stream().map(message -> new RefusedRow(String.valueOf(message.referralId()),
                message.agencyCode(), message.channel() == NotificationChannel.EMAIL ? "Email" : "Webhook",
                when(message.refusedAt()), message.reason())).toList();
    }

    static List<SlaRow> sla(List<OpenSlaReferral> open) {
        return open.stream().map(referral -> {
            boolean breached = referral.status().equals("BREACHED");
            return new SlaRow(referral.referralId().toString(), breached ? "Breached" : "At risk",
                    breached ? "govuk-tag govuk-tag--red" : "govuk-tag govuk-tag--orange",
                    stageOf(referral.stage()),
                    when(referral.receivedAt()), when(referral.deadline()));
        }).toList();
    }

    private static String stageOf(SlaStage stage) {
        return switch (stage) {
            case AWAITING_OUTCOME -> "Waiting for the MASH outcome";
            case AWAITING_MASH_DECISION -> "Provisional outcome waiting for a MASH worker's decision";
            case AWAITING_NOTIFICATION -> "Outcome issued, referrer not yet told";
        };
    }

    static List<DeadLetterRow> deadLetters(LagReading reading, Instant now) {
        return reading.deadLetters().stream()
                .filter(topic -> topic.waiting() > 0)
                .map(topic -> new DeadLetterRow(topic.topic(), republishFormOf(topic.topic()),
                        TopicCatalogue.topicOfDeadLetters(topic.topic()), topic.waiting(),
                        waited(topic.ageSeconds(now)), topic.reasons().entrySet().stream()
                                .map(reason -> reason.getKey() + " (" + reason.getValue() + ")")
                                .collect(Collectors.joining(", ")),
                        topic.oldest().stream().map(record -> new DeadLetterRecordRow(
                                record.key() == null ? "none" : record.key(),
                                "partition " + record.partition() + ", offset " + record.offset(),
                                when(record.deadLetteredAt()), record.reason(), record.partition(), record.offset(),
                                dismissFormOf(topic.topic(), String.valueOf(record.partition()),
                                        String.valueOf(record.offset())))).toList()))
                .toList();
    }

    /** The id of the form that republishes a dead-letter topic's records; its reason field is this + "-reason". */
    static String republishFormOf(String deadLetterTopic) {
        return "republish-" + deadLetterTopic.replace('.', '-');
    }

    /**
     * The id of the form that dismisses one dead letter; its reason field is this + "-reason". Partition and offset as
     * posted, so that a form kept while its operator signed in again finds its place on the page.
     */
    static String dismissFormOf(String deadLetterTopic, String partition, String offset) {
        return "dismiss-" + deadLetterTopic.replace('.', '-') + "-" + partition + "-" + offset;
    }

    static String when(Instant instant) {
        return instant == null ? "never" : WHEN.format(instant.atZone(LONDON)).replace("AM", "am").replace("PM", "pm");
    }

    static String waited(long seconds) {
        if (seconds < 120) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + " minutes";
        }
        return seconds / 3600 + " hours " + seconds % 3600 / 60 + " minutes";
    }
}
