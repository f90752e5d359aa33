package uk.mash.notify.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import uk.mash.notify.operations.OperationsView.GroupRow;
import uk.mash.notify.sla.OpenSlaReferral;
import uk.mash.notify.sla.SlaStage;

class OperationsViewTest {

    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");
    private static final Duration BEHIND_AFTER = Duration.ofMinutes(5);
    private static final List<String> GROUPS = List.of("referral-intake", "mash-triage", "notification-service");

    @Test
    void aGroupIsBehindOnlyWhenItsOldestWaitingRecordIsOlderThanTheWarningWhateverHowManyWait() {
        LagReading reading = readingOf(
                lag("referral-intake", 0, 2_000, NOW.minusSeconds(20)),
                lag("mash-triage", 0, 3, NOW.minusSeconds(400)),
                lag("mash-triage", 1, 1, NOW.minusSeconds(30)),
                lag("notification-service", 0, 0, null));

        List<GroupRow> rows = OperationsView.groups(GROUPS, reading, NOW, BEHIND_AFTER);

        assertThat(rows).extracting(GroupRow::group, GroupRow::status, GroupRow::records, GroupRow::oldestWaiting)
                .containsExactly(
                        tuple("referral-intake", "Working", 2_000L, "20 seconds"),
                        tuple("mash-triage", "Behind", 4L, "6 minutes"),
                        tuple("notification-service", "Up to date", 0L,
                                "Nothing waiting"));
    }

    @Test
    void aGroupNotSeenOnTheBrokerIsStillListedWithNothingWaiting() {
        List<GroupRow> rows = OperationsView.groups(GROUPS, readingOf(), NOW, BEHIND_AFTER);

        assertThat(rows).extracting(GroupRow::group).containsExactlyElementsOf(GROUPS);
        assertThat(rows).extracting(GroupRow::status).containsOnly("Up to date");
    }

    @Test
    void onlyPartitionsWithRecordsWaitingAreListed() {
        LagReading reading = readingOf(lag("mash-triage", 0, 0, null), lag("mash-triage", 2, 7, NOW.minusSeconds(1)));

        assertThat(OperationsView.lagging(reading, NOW)).singleElement().satisfies(row -> {
            assertThat(row.partition()).isEqualTo(2);
            assertThat(row.records()).isEqualTo(7);
            assertThat(row.oldestWaiting()).isEqualTo("1 second");
        });
    }

    @Test
    void aReferralPastItsDeadlineIsShownBreachedWithWhatItWaitsForInLondonTime() {
        UUID referralId = UUID.randomUUID();
        OpenSlaReferral breached = new OpenSlaReferral(referralId, "BREACHED", SlaStage.AWAITING_NOTIFICATION,
                Instant.parse("2026-07-01T08:05:00Z"), Instant.parse("2026-07-02T12:00:00Z"),
                Instant.parse("2026-07-02T16:00:00Z"));

        assertThat(OperationsView.sla(List.of(breached))).singleElement().satisfies(row -> {
            assertThat(row.referralId()).isEqualTo(referralId.toString());
            assertThat(row.status()).isEqualTo("Breached");
            assertThat(row.stage()).isEqualTo("Outcome issued, referrer not yet told");
            assertThat(row.received()).as("British Summer Time").isEqualTo("1 July 2026 at 9:05:00am");
            assertThat(row.deadline()).isEqualTo("2 July 2026 at 5:00:00pm");
        });
    }

    @Test
    void onlyDeadLetterTopicsWithRecordsWaitingAreListedWithWhereTheyGoBackToAndWhy() {
        LagReading reading = new LagReading(NOW, List.of(), List.of(
                new DeadLetters("triage.outcomes.v1-dlt", 3, NOW.minusSeconds(7_500),
                        new TreeMap<>(Map.of("NO_OPEN_CASE", 2L, "UNKNOWN_LOCAL_AUTHORITY", 1L)),
                        List.of(new DeadLetters.Waiting(1, 42, "01a2-referral", NOW.minusSeconds(7_500),
                                "NO_OPEN_CASE"))),
                new DeadLetters("referrals.received.v1-dlt", 0, null, Map.of(), List.of())), null);

        assertThat(OperationsView.deadLetters(reading, NOW)).singleElement().satisfies(row -> {
            assertThat(row.origin()).isEqualTo("triage.outcomes.v1");
            assertThat(row.waiting()).isEqualTo(3);
            assertThat(row.oldestWaiting()).isEqualTo("2 hours 5 minutes");
            assertThat(row.reasons()).isEqualTo("NO_OPEN_CASE (2), UNKNOWN_LOCAL_AUTHORITY (1)");
            assertThat(row.formId()).isEqualTo("republish-triage-outcomes-v1-dlt");
            assertThat(row.records()).singleElement().isEqualTo(new OperationsView.DeadLetterRecordRow(
                    "01a2-referral", "partition 1, offset 42", OperationsView.when(NOW.minusSeconds(7_500)),
                    "NO_OPEN_CASE", 1, 42, "dismiss-triage-outcomes-v1-dlt-1-42"));
        });
    }

    @Test
    void waitsAreWrittenInTheLargestUnitThatReadsNaturally() {
        assertThat(OperationsView.waited(0)).isEqualTo("0 seconds");
        assertThat(OperationsView.waited(119)).isEqualTo("119 seconds");
        assertThat(OperationsView.waited(300)).isEqualTo("5 minutes");
        assertThat(OperationsView.waited(3 * 3600 + 25 * 60)).isEqualTo("3 hours 25 minutes");
    }

    private static LagReading readingOf(PartitionLag... partitions) {
        return new LagReading(NOW, List.of(partitions), List.of(), null);
    }

    private static PartitionLag lag(String group, int partition, long records, Instant oldest) {
        return new PartitionLag(group, "referrals.received.v1", partition, records, oldest);
    }
}
