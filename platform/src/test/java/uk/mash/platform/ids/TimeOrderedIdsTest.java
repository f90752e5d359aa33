package uk.mash.platform.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void anIdIsVersionSevenWithTheMillisecondItWasMadeInItsLeadingBits() {
        long before = System.currentTimeMillis();
        UUID id = TimeOrderedIds.next();
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void anIdMadeInALaterMillisecondSortsAfterAnEarlierOneAsPostgreSqlComparesThem() {
        UUID earlier = TimeOrderedIds.next();
        long madeIn = earlier.getMostSignificantBits() >>> 16;
        while (System.currentTimeMillis() == madeIn) {
            Thread.onSpinWait();
        }

        UUID later = TimeOrderedIds.next();

        assertThat(later.toString()).as("PostgreSQL orders uuid by its bytes, unsigned, as the text orders")
                .isGreaterThan(earlier.toString());
    }

    @Test
    void idsMadeManyToAMillisecondAreStillDistinct() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedIds.next());
        }

        assertThat(ids).hasSize(10_000);
    }
}
