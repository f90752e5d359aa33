package uk.mash.harness.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.mash.harness.report.ProcStat;

/**
 * Warm-up rounds until the JIT is quiet. Four services, a broker and a registry in one JVM are a lot of code: after a
 * fixed 10,000 referrals the C2 compiler still took about a fifth of the machine during the saturation run (a
 * {@code perf} profile), which a service running for days does not pay. Rounds go on until the compiler used less
 * than {@code quietShare} of the machine's CPU time during one, or {@code maxRounds} have run.
 */
public final class JitWarmUp {

    private static final Logger log = LoggerFactory.getLogger(JitWarmUp.class);


    private final int maxRounds;
    private final double quietShare;
    private final int processors = Runtime.getRuntime().availableProcessors();

    public JitWarmUp(int maxRounds, double quietShare) {
        this.maxRounds = maxRounds;
        this.quietShare = quietShare;
    }

    /** @param round sends one round of referrals through the pipeline and waits for them all to finish */
    public Result run(IntConsumer round) {
        double share = 1;
        int rounds = 0;
        while (rounds < maxRounds && share >= quietShare) {
            rounds++;
            long compiledBefore = compilerTicks();
            long started = System.nanoTime();
            round.accept(rounds);
            double wallSeconds = (System.nanoTime() - started) / 1e9;
            share = (compilerTicks() - compiledBefore) / (double) ProcStat.CLOCK_TICKS_PER_SECOND / (wallSeconds * processors);
            log.info("Warm-up round {}: the JIT compiled for {}% of the machine's CPU time", rounds,
                    String.format("%.1f", share * 100));
        }
        return new Result(rounds, share, share < quietShare);
    }

    /**
     * CPU time of the JIT's compiler threads so far, in clock ticks, from {@code /proc/self/task}: the JVM's own
     * compilation time is wall-clock time, which counts a compiler waiting for a core as compiling.
     */
    private static long compilerTicks() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.mapToLong(JitWarmUp::compilerTicksOf).sum();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not read the JVM's threads from /proc", e);
        }
    }

    private static long compilerTicksOf(Path task) {
        try {
            ProcStat thread = ProcStat.read(task.resolve("stat"));
            boolean compiler = thread.name().startsWith("C1 Compiler") || thread.name().startsWith("C2 Compiler");
            return compiler ? thread.userTicks() + thread.systemTicks() : 0;
        }
        catch (IOException | RuntimeException e) {
            return 0; // the thread ended while being read
        }
    }

    /**
     * @param lastRoundShare the JIT's share of the machine's CPU time in the last round
     * @param quiet whether it fell under the threshold (false: the rounds ran out first)
     */
    public record Result(int rounds, double lastRoundShare, boolean quiet) {
    }
}
