package uk.mash.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it, so that deadlines pass without waiting. */
public final class ControlledClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public ControlledClock(Instant now) {
        this(new AtomicReference<>(now), ZoneOffset.UTC);
    }

    private ControlledClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving instant seen from another zone, as {@link Clock#withZone} promises. */
    @Override
    public Clock withZone(ZoneId otherZone) {
        return new ControlledClock(now, otherZone);
    }
}
