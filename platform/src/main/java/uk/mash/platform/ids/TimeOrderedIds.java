package uk.mash.platform.ids;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;

/**
 * Identifiers that key rows in PostgreSQL (referrals and the received events intake's outbox keeps, children, tasks,
 * cases): version 7 UUIDs, whose leading bits are the millisecond they were made. Random (version 4) keys put each new
 * row's entry on a random page of every index keyed by it, so as the tables grow most inserts read a page from outside
 * the buffer cache, write another back to make room, and after each checkpoint log a page whole; time-ordered keys of
 * the same width and uniqueness land on the few pages at the right-hand edge of those indexes. The 74 bits after the
 * time are random, so one identifier still says nothing of another made in the same millisecond.
 */
public final class TimeOrderedIds {

    private static final NoArgGenerator GENERATOR = Generators.timeBasedEpochRandomGenerator();

    private TimeOrderedIds() {
    }

    public static UUID next() {
        return GENERATOR.generate();
    }
}
