package uk.mash.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one benchmark run does. Defaults keep a full run under about ten minutes on two cores.
 *
 * @param referrals referrals pre-filled for each saturation drain (the raw Kafka baseline relays all drains' at once)
 * @param warmUp referrals per warm-up round, unmeasured; rounds go on until the JIT is quiet ({@code JitWarmUp})
 * @param runSeconds length of each open-loop constant-rate run
 * @param rateFractions the open-loop rates, as fractions of the measured saturation throughput
 * @param restPerSecond rate of the REST run ({@code POST /api/v1/referrals}); a modest agency-system load
 * @param restSeconds length of the REST run
 * @param stall how long without a referral completing before a phase is given up and the run fails
 * @param mix the referral mix file, or null for the shipped {@code referral-mix.csv}
 * @param results where the markdown results are written
 * @param statements how many of the services' database statements to list for the reported drain, the longest
 *        first ({@code pg_stat_statements}); 0 leaves PostgreSQL's statement statistics off, as the stack runs
 */
public record BenchmarkSettings(int referrals, int warmUp, double runSeconds, List<Double> rateFractions,
        double restPerSecond, double restSeconds, Duration stall, Path mix, Path results, int statements) {

    static final String USAGE = """
            ./run-benchmark.sh [--referrals N] [--warm-up N] [--run-seconds S] [--rest-rate R] [--rest-seconds S]
                               [--stall-seconds S] [--mix FILE] [--results FILE] [--statements N]
              --referrals N      referrals pre-filled for each saturation drain (10000); the baseline relays all 3
              --warm-up N        referrals per warm-up round (10000); rounds until the JIT is quiet, 32 at most
              --run-seconds S    length of each open-loop run at 25%, 50% and 75% of saturation (30)
              --rest-rate R      REST submissions per second (20)
              --rest-seconds S   length of the REST run (15)
              --stall-seconds S  fail if no referral completes for this long (60)
              --mix FILE         referral mix (name;weight;indicator codes;consent;immediate risk;expected outcome)
              --results FILE     markdown results (load-harness/target/benchmark-results.md)
              --statements N     list the N database statements that took longest in the reported drain (0: off)""";

    public static BenchmarkSettings defaults() {
        return new BenchmarkSettings(10_000, 10_000, 30, List.of(0.25, 0.5, 0.75), 20, 15, Duration.ofSeconds(60),
                null, Path.of("load-harness", "target", "benchmark-results.md"), 0);
    }

    public static BenchmarkSettings fromArguments(String... args) {
        BenchmarkSettings defaults = defaults();
        int referrals = defaults.referrals;
        int warmUp = defaults.warmUp;
        double runSeconds = defaults.runSeconds;
        double restPerSecond = defaults.restPerSecond;
        double restSeconds = defaults.restSeconds;
        Duration stall = defaults.stall;
        Path mix = defaults.mix;
        Path results = defaults.results;
        int statements = defaults.statements;
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + option + " needs a value\n" + USAGE);
            }
            String value = args[i + 1];
            switch (option) {
                case "--referrals" -> referrals = Integer.parseInt(value);
                case "--warm-up" -> warmUp = Integer.parseInt(value);
                case "--run-seconds" -> runSeconds = Double.parseDouble(value);
                case "--rest-rate" -> restPerSecond = Double.parseDouble(value);
                case "--rest-seconds" -> restSeconds = Double.parseDouble(value);
                case "--stall-seconds" -> stall = Duration.ofSeconds(Long.parseLong(value));
                case "--mix" -> mix = Path.of(value);
                case "--results" -> results = Path.of(value);
                case "--statements" -> statements = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("Unknown option " + option + "\n" + USAGE);
            }
        }
        if (referrals < 1 || warmUp < 0 || runSeconds <= 0 || restPerSecond <= 0 || restSeconds <= 0
                || statements < 0) {
            throw new IllegalArgumentException("Counts, rates and lengths must be positive\n" + USAGE);
        }
        return new BenchmarkSettings(referrals, warmUp, runSeconds, defaults.rateFractions, restPerSecond,
                restSeconds, stall, mix, results, statements);
    }

    /** The command that repeats this run. */
    public String command() {
        return "./run-benchmark.sh --referrals " + referrals + " --warm-up " + warmUp + " --run-seconds "
                + trim(runSeconds) + " --rest-rate " + trim(restPerSecond) + " --rest-seconds " + trim(restSeconds)
                + (mix == null ? "" : " --mix " + mix) + (statements == 0 ? "" : " --statements " + statements);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
