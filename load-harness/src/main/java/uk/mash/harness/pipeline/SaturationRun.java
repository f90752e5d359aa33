package uk.mash.harness.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import uk.mash.harness.kafka.SubmissionPayloads;
import uk.mash.harness.kafka.SubmissionPayloads.Payload;
import uk.mash.harness.report.CpuSampler;
import uk.mash.harness.report.DatabaseStatements;
import uk.mash.harness.report.DatabaseWal;
import uk.mash.localstack.LocalStack;
import uk.mash.localstack.PipelineService;

/**
 * The pipeline's throughput at saturation: once every message to referrers of the phases before is sent, intake's
 * Kafka listener is paused while the submitted topic is pre-filled, then resumed, and the pipeline drains the backlog
 * as fast as it can. Measured from intake's first
 * acceptance (the earliest {@code receivedAt} of the batch) to the last referral's end as the observer saw it, so that
 * the listener's resumption is not counted. Only the listener pauses: restarting the whole service made a new Spring
 * context, whose freshly generated classes the JIT then compiled during the measurement; and a paused listener keeps
 * its consumer, where a stopped one made a new consumer join its group again for every drain.
 */
public final class SaturationRun {

    /** A poll in hand is handled before its listener pauses: a poll of 500 referrals takes well under a second. */
    private static final Duration PAUSE_WITHIN = Duration.ofSeconds(30);

    /**
     * @param referrals referrals drained
     * @param seconds from the first referral accepted to the last one through the pipeline
     * @param cpu CPU used in that window
     * @param wal PostgreSQL's write-ahead log written from the pre-fill to the last referral's end
     * @param backlog where referrals waited, every few seconds
     * @param polls polls each service's listeners handled from the pre-fill to the last referral's end, by service
     *        and the topics the listener reads
     * @param messages the email and webhook messages to referrers recorded and delivered in the measured window, and
     *        those waiting at its end
     * @param sentSeconds from the first referral accepted to the last of the drain's email and webhook messages sent
     *        (delivered, or refused or superseded), or to the last referral's end if that was later
     * @param statements the services' database statements from the pre-fill to the last referral's end, when counted
     */
    public record Result(long referrals, double seconds, CpuSampler.CpuUse cpu, DatabaseWal.Written wal,
            List<DrainWatch.Sample> backlog, Map<String, Long> polls, ReferrerMessages.Window messages,
            double sentSeconds, DatabaseStatements.Summary statements) {

        public double perSecond() {
            return referrals / seconds;
        }

        /** Referrals a second to the last referrer told, by event, email or webhook. */
        public double perSecondToMessagesSent() {
            return referrals / sentSeconds;
        }

        public double jvmCpuSecondsPer1000() {
            return cpu.jvmSeconds() * 1000 / referrals;
        }

        public double databaseCpuSecondsPer1000() {
            return cpu.databaseSeconds() * 1000 / referrals;
        }

        public double walKiBPerReferral() {
            return wal.bytes() / 1024.0 / referrals;
        }

        public double walRecordsPerReferral() {
            return (double) wal.records() / referrals;
        }

        public double walFullPagesPerReferral() {
            return (double) wal.fullPageImages() / referrals;
        }
    }

    private final LocalStack stack;
    private final PipelineObserver observer;
    private final DrainWatch watch;
    private final CpuSampler cpu;
    private final DatabaseWal wal;
    private final DatabaseStatements statements;
    private final ReferrerMessages messages;

    public SaturationRun(LocalStack stack, PipelineObserver observer, DrainWatch watch, CpuSampler cpu,
            DatabaseWal wal, DatabaseStatements statements, ReferrerMessages messages) {
        this.stack = stack;
        this.observer = observer;
        this.watch = watch;
        this.cpu = cpu;
        this.wal = wal;
        this.statements = statements;
        this.messages = messages;
    }

    public Result run(String submittedTopic, List<Payload> payloads, SubmissionPayloads sender) {
        messages.awaitAllSent("before saturation");
        long before = observer.completed();
        DatabaseWal.Written walBefore = wal.soFar();
        DatabaseStatements.Reading statementsBefore = statements.soFar();
        Map<String, Long> pollsBefore = polls();
        stack.pauseListening(PipelineService.REFERRAL_INTAKE, PAUSE_WITHIN);
        sender.sendAll(submittedTopic, payloads);
        stack.resumeListening(PipelineService.REFERRAL_INTAKE);
        List<DrainWatch.Sample> backlog = watch.await("saturation", before, payloads.size());
        DatabaseWal.Written written = wal.soFar().since(walBefore);
        DatabaseStatements.Summary statementsMade = statements.soFar().since(statementsBefore, payloads.size());
        Map<String, Long> polls = polls();
        polls.replaceAll((listener, count) -> count - pollsBefore.getOrDefault(listener, 0L));
        List<ReferralTrace> traces = payloads.stream().map(p -> observer.trace(p.agencyReference()))
                .filter(Objects::nonNull).toList();
        Instant first = traces.stream().map(ReferralTrace::receivedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = traces.stream().map(ReferralTrace::completedAt).max(Comparator.naturalOrder()).orElseThrow();
        ReferrerMessages.Window window = messages.between(first, last);
        messages.awaitAllSent("saturation");
        Instant lastSent = messages.lastSent(first, last);
        return new Result(payloads.size(), seconds(first, last), cpu.between(first, last), written, backlog, polls,
                window, seconds(first, lastSent.isAfter(last) ? lastSent : last), statementsMade);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private Map<String, Long> polls() {
        Map<String, Long> polls = new TreeMap<>();
        for (PipelineService service : PipelineService.values()) {
            stack.listenerPolls(service).forEach((topics, count) -> polls.put(service.module() + " " + topics, count));
        }
        return polls;
    }
}
