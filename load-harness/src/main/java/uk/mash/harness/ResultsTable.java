package uk.mash.harness;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import uk.mash.harness.baseline.RawKafkaBaseline;
import uk.mash.harness.load.LatencySummary;
import uk.mash.harness.pipeline.DrainWatch;
import uk.mash.harness.pipeline.OpenLoopRun;
import uk.mash.harness.pipeline.PipelineBacklog;
import uk.mash.harness.pipeline.ReferrerMessages;
import uk.mash.harness.pipeline.SaturationRun;
import uk.mash.harness.report.DatabaseStatements;
import uk.mash.harness.report.OutcomeMix;
import uk.mash.harness.report.Targets;

/** A run's figures as markdown, ready to paste into docs/benchmarks.md. */
final class ResultsTable {

    private ResultsTable() {
    }

    static String markdown(BenchmarkReport report) {
        StringBuilder md = new StringBuilder();
        BenchmarkSettings settings = report.settings();
        md.append("### Run of ").append(report.finishedAt()).append("\n\n");
        md.append("- Machine: ").append(report.machine().processors()).append(" processors, ")
                .append(report.machine().memory()).append(" memory, ").append(report.machine().jdk()).append(", ")
                .append(report.machine().os()).append("\n");
        md.append("- Load average (1, 5, 15 min) at start: ").append(report.machine().loadAverage())
                .append("; at end: ").append(report.loadAverageAtEnd()).append("\n");
        md.append("- JVM flags: `").append(report.jvmArguments()).append("`\n");
        md.append("- Command: `").append(settings.command()).append("`\n");
        md.append("- Warm-up: ").append(report.warmUp().rounds()).append(" round(s) of ").append(settings.warmUp())
                .append(" referrals; the JIT compiled for ").append(f1(report.warmUp().lastRoundShare() * 100))
                .append("% of the machine's CPU time in the last round")
                .append(report.warmUp().quiet() ? "" : " (still above the " + f0(Benchmark.QUIET_JIT_SHARE * 100)
                        + "% taken as quiet)")
                .append("\n");
        md.append("- Topics: ").append(report.baseline().partitions()).append(" partitions, replication factor ")
                .append(report.baseline().replicationFactor()).append("; ")
                .append(report.baseline().shape().hopsToNotification())
                .append(" consume-produce hops from submission to notification, ")
                .append(report.baseline().shape().consumers()).append(" consumers on a referral's way in all\n\n");

        md.append("| measure | pipeline | raw Kafka baseline: the services' consumers (transaction per poll) | raw "
                + "Kafka: the path to notification only (transaction per poll) | raw Kafka: the path, transaction per "
                + "record |\n| --- | ---: | ---: | ---: | ---: |\n");
        md.append(row("throughput at saturation (referrals/s)", f0(report.saturation().perSecond()),
                f0(report.baseline().perSecond()), f0(report.path().perSecond()),
                f0(report.baselinePerRecord().perSecond())));
        md.append(row("drains, in turn with the baseline's (referrals/s; the median above)",
                perSecond(report.saturationRuns(), SaturationRun.Result::perSecond),
                perSecond(report.baselineRuns(), RawKafkaBaseline.Result::perSecond),
                perSecond(report.pathRuns(), RawKafkaBaseline.Result::perSecond), ""));
        md.append(row("to every email and webhook message sent as well (referrals/s; drains)",
                f0(report.saturation().perSecondToMessagesSent()) + " ("
                        + perSecond(report.saturationRuns(), SaturationRun.Result::perSecondToMessagesSent) + ")",
                "", "", ""));
        md.append(row("referrals drained / seconds", report.saturation().referrals() + " / "
                + f1(report.saturation().seconds()), drained(report.baseline()), drained(report.path()),
                drained(report.baselinePerRecord())));
        md.append(row("pipeline as a share of it", "", pct(report.baselineRatio()), pct(report.pathRatio()),
                "(diagnostic only)"));
        md.append(row("CPU seconds per 1,000 referrals: the one JVM (stack and harness)",
                f2(report.saturation().jvmCpuSecondsPer1000()), f2(report.baseline().jvmCpuSecondsPer1000()),
                f2(report.path().jvmCpuSecondsPer1000()), f2(report.baselinePerRecord().jvmCpuSecondsPer1000())));
        md.append(row("CPU seconds per 1,000 referrals: PostgreSQL's processes",
                f2(report.saturation().databaseCpuSecondsPer1000()), "none used", "none used", "none used"));
        md.append(row("PostgreSQL's write-ahead log per referral: KiB, records, whole pages",
                f1(report.saturation().walKiBPerReferral()) + ", " + f0(report.saturation().walRecordsPerReferral())
                        + ", " + f2(report.saturation().walFullPagesPerReferral()), "none used", "none used",
                "none used"));
        md.append("\n| latency (from intended send) | rate (/s) | sent | over (s) | timed | p50 ms | p99 ms | "
                + "p99.9 ms | max ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (OpenLoopRun.Result run : report.openLoop()) {
            md.append(latencyRow("open loop, " + run.label(), run.perSecond(), run.sent(), f1(run.sendSeconds()),
                    run.latency()));
        }
        md.append(latencyRow("REST: request to answer (" + report.rest().accepted().size() + " answered 202)",
                report.rest().perSecond(), report.rest().sent(), "", report.rest().response()));
        md.append(latencyRow("REST: request to notification", report.rest().perSecond(),
                report.rest().accepted().size(), "", report.rest().toNotification()));

        md.append("\n| local stack | |\n| --- | ---: |\n");
        md.append(row("start-up, fresh data directory (s)", f1(report.startUpSeconds())));
        md.append(row("resident set after start-up (MiB): the JVM + PostgreSQL", report.afterStartUp().residentMiB()
                + " + " + report.afterStartUp().databaseMiB()));
        md.append(row("resident set at the end / peak over the run (MiB): the JVM + PostgreSQL",
                report.atEnd().residentMiB() + " + " + report.atEnd().databaseMiB() + " / " + report.atEnd().peakMiB()
                        + " + " + report.atEnd().databasePeakMiB()));

        double p99AtHalf = report.openLoop().stream().filter(run -> run.label().startsWith("50%")).findFirst()
                .map(run -> run.latency().p99Millis()).orElse(Double.NaN);
        md.append("\n| target (2 cores) | figure | met |\n| --- | ---: | --- |\n");
        md.append(row(">= 1,000 referrals/s at saturation", f0(report.saturation().perSecond())
                + " (to every message sent: " + f0(report.saturation().perSecondToMessagesSent()) + ")",
                Targets.met(report.saturation().perSecond() >= Targets.MIN_REFERRALS_PER_SECOND)));
        md.append(row("p99 < 1 s at 50% of saturation", f0(p99AtHalf) + " ms",
                Targets.met(p99AtHalf < Targets.MAX_P99_MILLIS_AT_HALF)));
        md.append(row(">= 30% of the raw Kafka baseline", pct(report.baselineRatio()) + " (of the path alone: "
                + pct(report.pathRatio()) + ")",
                Targets.met(report.baselineRatio() >= Targets.MIN_BASELINE_SHARE)));
        md.append(row("local stack starts in < 40 s", f1(report.startUpSeconds()) + " s",
                Targets.met(report.startUpSeconds() < Targets.MAX_START_UP_SECONDS)));
        md.append(row("stays under 2 GiB resident (peak, the JVM + PostgreSQL)", report.atEnd().stackPeakMiB() + " MiB",
                Targets.met(report.atEnd().stackPeakMiB() < Targets.MAX_RESIDENT_MIB)));

        md.append("\n| profile | expected | submitted | first outcome issued |\n| --- | --- | ---: | --- |\n");
        for (OutcomeMix mix : report.mix()) {
            md.append(row(mix.profile().name(), mix.profile().expectedOutcome().name(),
                    String.valueOf(mix.submitted()), mix.firstOutcomes().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        }

        md.append("\nWhere referrals waited during the saturation run: consumer lag per service in offsets (records "
                + "plus one commit marker per producer transaction), and intake's unpublished outbox rows");
        if (report.saturation().backlog().isEmpty()) {
            md.append(": no look was taken, the drain being over before the first (every ")
                    .append(DrainWatch.SAMPLE_EVERY.toSeconds()).append(" s).\n");
        }
        else {
            md.append(":\n\n| s | done | ").append(String.join(" | ", PipelineBacklog.GROUPS)).append(" | outbox |\n");
            md.append("| ---: | ---: |").append(" ---: |".repeat(PipelineBacklog.GROUPS.size() + 1)).append("\n");
            for (DrainWatch.Sample sample : report.saturation().backlog()) {
                md.append("| ").append(f0(sample.seconds())).append(" | ").append(sample.completed()).append(" | ")
                        .append(PipelineBacklog.GROUPS.stream()
                                .map(group -> String.valueOf(sample.backlog().lagByGroup().get(group)))
                                .collect(Collectors.joining(" | ")))
                        .append(" | ").append(sample.backlog().outboxUnpublished()).append(" |\n");
            }
        }

        md.append("\nPolls each listener handled during the reported drain (each a Kafka transaction and a database "
                + "commit), and the drain's referrals a poll: ")
                .append(report.saturation().polls().entrySet().stream()
                        .filter(listener -> listener.getValue() > 0)
                        .map(listener -> listener.getKey() + " " + listener.getValue() + " ("
                                + f0((double) report.saturation().referrals() / listener.getValue()) + ")")
                        .collect(Collectors.joining("; ")))
                .append(".\n");

        ReferrerMessages.Window messages = report.saturation().messages();
        md.append("\nEmail and webhook messages to referrers in the reported drain: ").append(messages.recorded())
                .append(" recorded to send, ").append(messages.delivered()).append(" delivered (")
                .append(f0(messages.delivered() / report.saturation().seconds())).append(" a second), ")
                .append(messages.waiting()).append(" waiting at its end; the last of them sent ")
                .append(f1(report.saturation().sentSeconds())).append(" s after the drain's first referral was "
                        + "accepted. A referral is finished here when its notification is recorded and published; an "
                        + "emailed or webhook referrer is told when the dispatcher delivers the message, after that. "
                        + "Each drain, open loop and the REST run starts once every message of the phases before it "
                        + "is sent.\n");

        DatabaseStatements.Summary statements = report.saturation().statements();
        if (!statements.longest().isEmpty()) {
            md.append("\nThe services' database statements in the reported drain (`pg_stat_statements`, top-level "
                    + "statements of their login role, a foreign key's check within its insert; time is execution "
                    + "time, waits on locks and the disk included): ").append(f0(statements.microsecondsPerReferral()))
                    .append(" µs a referral in all, in ").append(statements.calls())
                    .append(" calls (a poll's rows go in one); the longest:\n\n");
            md.append("| statement | µs a referral | calls | rows a referral | WAL records a referral |\n");
            md.append("| --- | ---: | ---: | ---: | ---: |\n");
            for (DatabaseStatements.Statement statement : statements.longest()) {
                md.append(row("`" + statement.text().replace("|", "\\|") + "`",
                        f1(statement.microsecondsPerReferral()), String.valueOf(statement.calls()),
                        f2(statement.rowsPerReferral()), f2(statement.walRecordsPerReferral())));
            }
        }

        md.append("\nCorrectness: ").append(report.verdict().referrals()).append(" referrals, ")
                .append(report.verdict().passed() ? "every one ended with one outcome per version and one "
                        + "notification per outcome that stands"
                        : "**FAILED**: " + String.join("; ", report.verdict().problems()))
                .append(".\n");
        return md.toString();
    }

    private static <T> String perSecond(List<T> drains, ToDoubleFunction<T> perSecond) {
        return String.join(", ", drains.stream().map(drain -> f0(perSecond.applyAsDouble(drain))).toList());
    }

    private static String drained(RawKafkaBaseline.Result baseline) {
        return baseline.records() + " / " + f1(baseline.seconds());
    }

    private static String latencyRow(String what, double rate, long sent, String over, LatencySummary latency) {
        return row(what, f0(rate), String.valueOf(sent), over, String.valueOf(latency.count()), f1(latency.p50Millis()),
                f1(latency.p99Millis()), f1(latency.p999Millis()), f1(latency.maxMillis()));
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String f0(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String f1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
