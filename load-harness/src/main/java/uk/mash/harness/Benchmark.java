package uk.mash.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

import uk.mash.harness.baseline.RawKafkaBaseline;
import uk.mash.harness.baseline.RawKafkaBaseline.Shape;
import uk.mash.harness.correctness.CorrectnessCheck;
import uk.mash.harness.kafka.SubmissionPayloads;
import uk.mash.harness.kafka.SubmissionPayloads.Payload;
import uk.mash.harness.load.ConstantRateSchedule;
import uk.mash.harness.pipeline.DrainWatch;
import uk.mash.harness.pipeline.JitWarmUp;
import uk.mash.harness.pipeline.OpenLoopRun;
import uk.mash.harness.pipeline.PipelineBacklog;
import uk.mash.harness.pipeline.PipelineObserver;
import uk.mash.harness.pipeline.ReferralTrace;
import uk.mash.harness.pipeline.ReferrerMessages;
import uk.mash.harness.pipeline.SaturationRun;
import uk.mash.harness.referrals.ReferralGenerator;
import uk.mash.harness.referrals.ReferralMix;
import uk.mash.harness.referrals.ReferralProfile;
import uk.mash.harness.referrals.RestReferralJson;
import uk.mash.harness.report.CpuSampler;
import uk.mash.harness.report.DatabaseMemory;
import uk.mash.harness.report.DatabaseStatements;
import uk.mash.harness.report.DatabaseWal;
import uk.mash.harness.report.MachineFacts;
import uk.mash.harness.report.MedianDrain;
import uk.mash.harness.report.OutcomeMix;
import uk.mash.harness.report.ResidentMemory;
import uk.mash.harness.rest.RestRun;
import uk.mash.localstack.DemoClients;
import uk.mash.localstack.LocalStack;
import uk.mash.localstack.LocalStackSettings;
import uk.mash.localstack.PipelineService;
import uk.mash.platform.embedded.postgres.EmbeddedDatabase;

/**
 * One benchmark run: starts a local stack on free ports and a fresh data directory, then warms it up, measures the
 * pipeline at saturation, the raw Kafka baseline on the same submissions, open-loop runs below saturation and the REST
 * way in, and checks that every referral ended correctly. The stack, the harness and the baseline share one JVM.
 */
public final class Benchmark {

    private static final Logger log = LoggerFactory.getLogger(Benchmark.class);

    /** The topic catalogue's names, which the local stack uses unchanged. */
    static final String SUBMITTED = "referrals.submitted.v1";
    static final String OUTCOMES = "triage.outcomes.v1";
    static final String NOTIFICATIONS = "referrer.notifications.v1";

    /**
     * Referrals the one-transaction-per-record baseline relays: it is slow, and is there for its CPU per transaction,
     * so a sample keeps the run short.
     */
    private static final int PER_RECORD_SAMPLE = 1_000;
    /**
     * Warm-up rounds at most, and the JIT's share of the machine under which it is taken as quiet. Full runs stopped
     * at 16 with the JIT at 5-18% of the machine, so they measured it along with the pipeline; it goes quiet in about
     * 19 rounds, and a run that never does still ends.
     */
    static final int MAX_WARM_UP_ROUNDS = 32;
    static final double QUIET_JIT_SHARE = 0.05;
    /**
     * Drains of a pre-filled backlog by the pipeline and by the raw Kafka baseline, taking turns: each pipeline drain
     * is followed by one of each baseline shape, so that both meet the machine as it is in the same minute (its speed
     * moved by nearly half within two minutes of a run when all the pipeline's drains came first). The median of each
     * is reported ({@link MedianDrain}). Each of the baseline's drains relays the submissions of all the pipeline's
     * drains, encoded before the first: with one drain's worth it was over in about a second, too short to be measured
     * steadily (single drains of the same records ranged from 6,700 to 14,100 records/s).
     */
    static final int SATURATION_RUNS = 3;

    private final BenchmarkSettings settings;
    private final ReferralGenerator generator;
    private final Map<String, ReferralProfile> profiles = new HashMap<>();
    private final List<String> publishedOnKafka = new ArrayList<>();
    private long nextReferral;

    public Benchmark(BenchmarkSettings settings) {
        this.settings = settings;
        ReferralMix mix = settings.mix() == null ? ReferralMix.standard() : ReferralMix.fromFile(settings.mix());
        this.generator = new ReferralGenerator(mix, "LOAD");
    }

    public BenchmarkReport run() {
        MachineFacts machine = MachineFacts.now();
        Path home = temporaryDirectory();
        try {
            long starting = System.nanoTime();
            LocalStack stack = LocalStack.start(LocalStackSettings.ephemeral(home));
            double startUpSeconds = (System.nanoTime() - starting) / 1e9;
            try (stack; DatabaseMemory database = new DatabaseMemory(home.resolve("postgres")).start();
                    CpuSampler cpu = new CpuSampler(home.resolve("postgres")).start()) {
                ResidentMemory afterStartUp = ResidentMemory.now(database);
                log.info("Local stack up in {} s, {} MiB resident (the JVM) and {} MiB (PostgreSQL)",
                        String.format("%.1f", startUpSeconds), afterStartUp.residentMiB(), afterStartUp.databaseMiB());
                return measure(stack, cpu, database, machine, startUpSeconds, afterStartUp);
            }
        }
        finally {
            deleteQuietly(home);
        }
    }

    private BenchmarkReport measure(LocalStack stack, CpuSampler cpu, DatabaseMemory database, MachineFacts machine,
            double startUpSeconds, ResidentMemory afterStartUp) {
        String registry = stack.registryUrl().toString();
        // the harness reads the database as its superuser, so that what it reads is never counted as the services'
        JdbcTemplate postgres = new JdbcTemplate(new DriverManagerDataSource(stack.jdbcUrl(),
                EmbeddedDatabase.SUPERUSER, ""));
        DatabaseStatements statements = settings.statements() == 0 ? DatabaseStatements.notCounting()
                : DatabaseStatements.tracking(postgres, EmbeddedDatabase.USER, settings.statements());
        try (SubmissionPayloads sender = new SubmissionPayloads(stack.bootstrapServers(), registry, SUBMITTED);
                PipelineObserver observer = new PipelineObserver(stack.bootstrapServers(), registry, OUTCOMES,
                        NOTIFICATIONS).start();
                PipelineBacklog backlog = new PipelineBacklog(stack.bootstrapServers(), postgres)) {
            DrainWatch watch = new DrainWatch(observer, backlog, settings.stall());
            DatabaseWal wal = new DatabaseWal(postgres);
            ReferrerMessages messages = new ReferrerMessages(postgres, settings.stall());

            CorrectnessCheck correctness = new CorrectnessCheck();
            OutcomeMix.Tally mix = new OutcomeMix.Tally();
            JitWarmUp.Result warmUp = new JitWarmUp(MAX_WARM_UP_ROUNDS, QUIET_JIT_SHARE).run(round -> {
                List<Payload> payloads = payloads(sender, settings.warmUp());
                long before = observer.completed();
                sender.sendAll(SUBMITTED, payloads);
                watch.await("warm-up round " + round, before, payloads.size());
                messages.awaitAllSent("warm-up round " + round);
                checkAndLetGo(observer, correctness, mix);
            });

            List<List<Payload>> backlogs = new ArrayList<>();
            List<Payload> drainedPayloads = new ArrayList<>();
            for (int run = 1; run <= SATURATION_RUNS; run++) {
                backlogs.add(payloads(sender, settings.referrals()));
                drainedPayloads.addAll(backlogs.get(run - 1));
            }
            List<SaturationRun.Result> saturationRuns = new ArrayList<>();
            List<RawKafkaBaseline.Result> baselineRuns = new ArrayList<>();
            List<RawKafkaBaseline.Result> pathRuns = new ArrayList<>();
            for (int run = 1; run <= SATURATION_RUNS; run++) {
                log.info("Saturation {} of {}: {} referrals pre-filled while intake's listener is paused", run,
                        SATURATION_RUNS, settings.referrals());
                saturationRuns.add(new SaturationRun(stack, observer, watch, cpu, wal, statements, messages)
                        .run(SUBMITTED, backlogs.get(run - 1), sender));
                log.info("Saturation {} of {}: {} referrals/s", run, SATURATION_RUNS,
                        String.format("%.0f", saturationRuns.get(run - 1).perSecond()));
                baselineRuns.add(baselineDrain(stack, cpu, Shape.SERVICES, run, drainedPayloads));
                pathRuns.add(baselineDrain(stack, cpu, Shape.PATH, run, drainedPayloads));
            }
            SaturationRun.Result saturation = MedianDrain.of(saturationRuns, SaturationRun.Result::perSecond);
            List<Payload> backlogPayloads = backlogs.get(SATURATION_RUNS - 1);
            RawKafkaBaseline.Result baseline = MedianDrain.of(baselineRuns, RawKafkaBaseline.Result::perSecond);
            RawKafkaBaseline.Result path = MedianDrain.of(pathRuns, RawKafkaBaseline.Result::perSecond);
            RawKafkaBaseline.Result perRecord = new RawKafkaBaseline(stack.bootstrapServers(), cpu, Shape.PATH, true, 1)
                    .run(SUBMITTED, backlogPayloads.subList(0, Math.min(backlogPayloads.size(), PER_RECORD_SAMPLE)),
                            settings.stall());
            log.info("Raw Kafka, one transaction per record: {} records/s",
                    String.format("%.0f", perRecord.perSecond()));

            List<OpenLoopRun.Result> openLoop = new ArrayList<>();
            for (double fraction : settings.rateFractions()) {
                double rate = fraction * saturation.perSecond();
                String label = Math.round(fraction * 100) + "% of saturation";
                List<Payload> payloads = payloads(sender,
                        (int) new ConstantRateSchedule(0, rate).sendsIn(settings.runSeconds()));
                messages.awaitAllSent("before the open loop at " + label);
                log.info("Open loop at {} ({} referrals/s) for {} s", label, String.format("%.0f", rate),
                        settings.runSeconds());
                openLoop.add(new OpenLoopRun(observer, watch).run(label, rate, SUBMITTED, payloads, sender));
            }

            messages.awaitAllSent("before REST");
            log.info("REST: {} referrals/s for {} s", settings.restPerSecond(), settings.restSeconds());
            RestRun.Result rest = new RestRun(observer, watch).run(stack.serviceUrl(PipelineService.REFERRAL_INTAKE),
                    DemoClients.SCHOOL.apiKey(), settings.restPerSecond(), restBodies());

            ResidentMemory atEnd = ResidentMemory.now(database);
            observer.close();
            List<String> expected = new ArrayList<>(publishedOnKafka);
            expected.addAll(rest.accepted());
            correctness.referrals(expected, observer::trace);
            Set<String> seenAfterCheck = new HashSet<>(observer.seen());
            seenAfterCheck.removeAll(expected);
            correctness.seenAfterCheck(seenAfterCheck);
            correctness.refused(observer.refused());
            correctness.restFailures(rest.refusals());
            mix.add(expected, profiles::get, observer::trace);
            return new BenchmarkReport(settings, machine, MachineFacts.currentLoadAverage(), jvmArguments(),
                    startUpSeconds, afterStartUp, atEnd, warmUp, saturationRuns, saturation, baselineRuns, baseline,
                    pathRuns, path, perRecord, openLoop, rest, mix.mix(), correctness.verdict(), Instant.now());
        }
    }

    private RawKafkaBaseline.Result baselineDrain(LocalStack stack, CpuSampler cpu, Shape shape, int run,
            List<Payload> payloads) {
        RawKafkaBaseline.Result result = new RawKafkaBaseline(stack.bootstrapServers(), cpu, shape, false, run)
                .run(SUBMITTED, payloads, settings.stall());
        log.info("Raw Kafka baseline ({}) {} of {}: {} records/s", shape, run, SATURATION_RUNS,
                String.format("%.0f", result.perSecond()));
        return result;
    }

    /**
     * Checks the referrals published so far, which the pipeline has finished with, and lets go of what the harness
     * kept of them: it shares the measured heap with the services, and a trace, a profile and an agency reference
     * kept for each of the warm-up's referrals to the end of the run made the heap's full collections, which stop the
     * services, come more often. One sent again afterwards is still caught, as seen after its check.
     */
    private void checkAndLetGo(PipelineObserver observer, CorrectnessCheck correctness, OutcomeMix.Tally mix) {
        Map<String, ReferralTrace> traces = observer.forget(publishedOnKafka);
        correctness.referrals(publishedOnKafka, traces::get);
        mix.add(publishedOnKafka, profiles::get, traces::get);
        publishedOnKafka.forEach(profiles::remove);
        publishedOnKafka.clear();
    }

    private List<Payload> payloads(SubmissionPayloads sender, int count) {
        long first = nextReferral;
        nextReferral += count;
        List<Payload> payloads = sender.encode(first, count, generator::referral);
        for (long n = first; n < first + count; n++) {
            profiles.put(generator.agencyReferenceOf(n), generator.profileOf(n));
            publishedOnKafka.add(generator.agencyReferenceOf(n));
        }
        return payloads;
    }

    private List<Map.Entry<String, String>> restBodies() {
        int count = (int) new ConstantRateSchedule(0, settings.restPerSecond()).sendsIn(settings.restSeconds());
        List<Map.Entry<String, String>> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long n = nextReferral++;
            String reference = generator.agencyReferenceOf(n);
            bodies.add(Map.entry(reference,
                    RestReferralJson.of(generator.referral(n, DemoClients.SCHOOL.agencyCode()))));
            profiles.put(reference, generator.profileOf(n));
        }
        return bodies;
    }

    private static String jvmArguments() {
        return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("load-harness");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path home) {
        try {
            FileSystemUtils.deleteRecursively(home);
        }
        catch (IOException e) {
            log.warn("Could not delete the benchmark's data directory {}: {}", home, e.toString());
        }
    }
}
