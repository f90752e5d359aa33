package uk.mash.harness.report;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Of several drains of the same backlog one after the other, the one reported: runs on these machines differ by about
 * a tenth with nothing changed, so one drain alone says too little.
 */
public final class MedianDrain {

    private MedianDrain() {
    }

    /** The drain whose throughput is the median (the slower middle one of an even number). */
    public static <T> T of(List<T> drains, ToDoubleFunction<T> perSecond) {
        List<T> byThroughput = drains.stream().sorted(Comparator.comparingDouble(perSecond)).toList();
        return byThroughput.get((byThroughput.size() - 1) / 2);
    }
}
