package uk.mash.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstantRateScheduleTest {

    @Test
    void eachSendIsDueAtItsOwnIntendedTimeWhateverHappenedBefore() {
        ConstantRateSchedule schedule = new ConstantRateSchedule(1_000, 200);

        assertThat(schedule.intendedNanos(0)).isEqualTo(1_000);
        assertThat(schedule.intendedNanos(1)).isEqualTo(1_000 + 5_000_000);
        assertThat(schedule.intendedNanos(200)).isEqualTo(1_000 + 1_000_000_000);
    }

    @Test
    void aLateSendGoesAtOnceAndKeepsItsIntendedTimeAsTheStartOfItsLatency() {
        ConstantRateSchedule schedule = new ConstantRateSchedule(System.nanoTime() - 1_000_000_000L, 10);

        assertThat(schedule.awaitSend(3)).isEqualTo(schedule.intendedNanos(3));
    }

    @Test
    void aRunMakesRateTimesLengthSends() {
        assertThat(new ConstantRateSchedule(0, 250).sendsIn(30)).isEqualTo(7_500);
    }
}
