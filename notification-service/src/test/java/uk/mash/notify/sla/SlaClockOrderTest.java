package uk.mash.notify.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SlaClockOrderTest {

    private static final UUID FIRST = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID SECOND = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @Test
    void twoPollsWithTheSameReferralsInOppositeOrdersMoveTheirClocksInOneOrder() {
        List<ConsumerRecord<String, UUID>> received = List.of(record(0, SECOND), record(1, FIRST));
        List<ConsumerRecord<String, UUID>> outcomes = List.of(record(0, FIRST), record(1, SECOND));

        assertThat(referrals(SlaClockOrder.byReferral(received, id -> id)))
                .isEqualTo(referrals(SlaClockOrder.byReferral(outcomes, id -> id)))
                .containsExactly(FIRST, SECOND);
    }

    @Test
    void outcomeVersionsOfOneReferralKeepTheirOffsetOrder() {
        List<ConsumerRecord<String, UUID>> poll = List.of(record(7, SECOND), record(8, FIRST), record(9, SECOND));

        assertThat(SlaClockOrder.byReferral(poll, id -> id)).extracting(ConsumerRecord::offset)
                .containsExactly(8L, 7L, 9L);
    }

    @Test
    void recordsThatDidNotDeserializeComeFirst() {
        List<ConsumerRecord<String, UUID>> poll = List.of(record(1, FIRST), record(2, null));

        assertThat(SlaClockOrder.byReferral(poll, id -> id)).extracting(ConsumerRecord::offset)
                .containsExactly(2L, 1L);
    }

    private static ConsumerRecord<String, UUID> record(long offset, UUID referralId) {
        return new ConsumerRecord<>("topic", 0, offset, "key", referralId);
    }

    private static List<UUID> referrals(List<ConsumerRecord<String, UUID>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
