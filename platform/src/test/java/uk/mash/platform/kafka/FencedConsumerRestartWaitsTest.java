package uk.mash.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How long a fenced consumer waits before it is started again. */
class FencedConsumerRestartWaitsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @Test
    void aFirstFenceIsStartedAgainAtOnceAndEachSoonAfterWaitsTwiceAsLongUpToAMinute() {
        List<Duration> waits = new ArrayList<>();
        FencedConsumerRestarts.Restart restart = null;
        for (int fence = 0; fence < 9; fence++) {
            restart = FencedConsumerRestarts.Restart.after(restart, NOW.plusSeconds(fence * 10L));
            waits.add(restart.delay());
        }

        assertThat(waits).extracting(Duration::toSeconds).containsExactly(0L, 1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
        assertThat(restart.count()).isEqualTo(9);
    }

    @Test
    void aFenceLongAfterTheLastRestartIsTakenAsANewOne() {
        FencedConsumerRestarts.Restart first = FencedConsumerRestarts.Restart.after(null, NOW);
        FencedConsumerRestarts.Restart second = FencedConsumerRestarts.Restart.after(first, NOW.plusSeconds(30));

        FencedConsumerRestarts.Restart later = FencedConsumerRestarts.Restart.after(second,
                NOW.plus(Duration.ofMinutes(10)));

        assertThat(later.delay()).isZero();
        assertThat(later.count()).isEqualTo(1);
    }
}
