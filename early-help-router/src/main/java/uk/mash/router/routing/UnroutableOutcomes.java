package uk.mash.router.routing;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts outcomes that stand but cannot be routed, by reason ({@code referrals.router.unroutable}); the tag is the
 * reason only, never anything about the child. Every counter exists from start-up so that Prometheus'
 * {@code increase()} sees the first one.
 */
@Component
class UnroutableOutcomes {

    static final String METRIC = "referrals.router.unroutable";

    private final Map<UnroutableReason, Counter> counters = new EnumMap<>(UnroutableReason.class);

    UnroutableOutcomes(MeterRegistry meters) {
        for (UnroutableReason reason : UnroutableReason.values()) {
            counters.put(reason, Counter.builder(METRIC)
                    .description("MASH outcomes the routing table could not place, sent to the dead-letter topic")
                    .tag("reason", reason.tag())
                    .register(meters));
        }
    }

    void count(UnroutableReason reason) {
        counters.get(reason).increment();
    }
}
