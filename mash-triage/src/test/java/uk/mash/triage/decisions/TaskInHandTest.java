package uk.mash.triage.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A task opened by a worker is shown to the others as in that worker's hands for a while, and to no one after. */
class TaskInHandTest {

    private static final Instant OPENED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration SHOWN_FOR = Duration.ofMinutes(30);
    private static final TaskInHand IN_HAND = new TaskInHand("mash-worker-1", OPENED);

    @Test
    void anotherWorkerIsShownARecentOpening() {
        assertThat(IN_HAND.shownTo("mash-worker-2", OPENED.plus(Duration.ofMinutes(29)), SHOWN_FOR)).isTrue();
    }

    @Test
    void anOpeningOlderThanTheWindowIsNoLongerShown() {
        assertThat(IN_HAND.shownTo("mash-worker-2", OPENED.plus(SHOWN_FOR), SHOWN_FOR)).isFalse();
    }

    @Test
    void theWorkerWhoOpenedItIsNotShownTheirOwnOpening() {
        assertThat(IN_HAND.shownTo("mash-worker-1", OPENED.plusSeconds(1), SHOWN_FOR)).isFalse();
    }
}
