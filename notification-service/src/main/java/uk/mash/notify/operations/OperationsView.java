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

import uk.mash.notify.sla.OpenSlaReferral;
import uk.mash.notify.sla.SlaStage;

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

    /** A dead-letter topic and the records on it. */
    record DeadLetterRow(String topic, long records) {
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

    static List<SlaRow> sla(List<OpenSlaReferral> open) {
        return open.stream().map(referral -> {
            boolean breached = referral.status().equals("BREACHED");
            return new SlaRow(referral.referralId().toString(), breached ? "Breached" : "At risk",
                    breached ? "govuk-tag govuk-tag--red" : "govuk-tag govuk-tag--orange",
                    referral.stage() == SlaStage.AWAITING_OUTCOME ? "Waiting for the MASH outcome"
                            : "Outcome issued, referrer not yet told",
                    when(referral.receivedAt()), when(referral.deadline()));
        }).toList();
    }

    static List<DeadLetterRow> deadLettered(LagReading reading) {
        return reading.deadLettered().entrySet().stream()
                .filter(topic -> topic.getValue() > 0)
                .map(topic -> new DeadLetterRow(topic.getKey(), topic.getValue()))
                .toList();
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
