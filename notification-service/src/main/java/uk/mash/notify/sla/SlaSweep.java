package uk.mash.notify.sla;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.events.SlaStatus;
import uk.mash.events.SlaStatusChanged;
import uk.mash.notify.NotifySettings;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Looks, on the injected clock, for referrals whose referrer has not been told and that have reached their at-risk
 * time or their deadline, and publishes one {@code AT_RISK} and one {@code BREACHED} event for each on
 * {@code sla.events.v1}. A referral with no outcome at all breaches too, so a stuck pipeline shows as breaches.
 * Rows are locked ({@code skip locked}) so several instances never publish the same event; the Kafka transaction
 * commits just before the database marks the events published, and event ids are derived from the referral and
 * status, so a crash between the two can repeat an event only with the same id.
 */
@Component
class SlaSweep {

    private static final Logger log = LoggerFactory.getLogger(SlaSweep.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, Object> kafka;
    private final TopicCatalogue topics;
    private final Clock clock;
    private final NotifySettings settings;
    private final AuditTrail audit;
    private final Map<SlaStage, Counter> atRisk = new EnumMap<>(SlaStage.class);
    private final Map<SlaStage, Counter> breached = new EnumMap<>(SlaStage.class);
    private final AtomicLong openAtRisk = new AtomicLong();
    private final AtomicLong openBreached = new AtomicLong();

    SlaSweep(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, Object> kafka,
            TopicCatalogue topics, Clock clock, NotifySettings settings,
            MeterRegistry meters, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
        this.kafka = kafka;
        this.topics = topics;
        this.clock = clock;
        this.settings = settings;
        for (SlaStage stage : SlaStage.values()) {
            atRisk.put(stage, Counter.builder("referrals.sla.at.risk").tag("stage", stage.name())
                    .description("Referrals that reached their at-risk time before the referrer was told")
                    .register(meters));
            breached.put(stage, Counter.builder("referrals.sla.breached").tag("stage", stage.name())
                    .description("Referrals that passed their deadline before the referrer was told")
                    .register(meters));
        }
        Gauge.builder("referrals.sla.open", openAtRisk, AtomicLong::get).tag("status", SlaStatus.AT_RISK.name())
                .description("Referrals at risk now (not yet past the deadline, referrer not told)").register(meters);
        Gauge.builder("referrals.sla.open", openBreached, AtomicLong::get).tag("status", SlaStatus.BREACHED.name())
                .description("Referrals past their deadline whose referrer is still not told").register(meters);
    }

    /**
     * Publishes every at-risk and breach event due now; answers how many were published. The open counts are
     * refreshed even when publishing fails, so that the alerts on them still fire while the broker is down.
     */
    int sweep() {
        Instant now = clock.instant();
        try {
            List<Due> published = transactions.execute(status -> publishDue(now));
            for (Due due : published) {
                (due.status() == SlaStatus.AT_RISK ? atRisk : breached).get(due.stage()).increment();
                log.warn("Referral {} {} its deadline {} to tell the referrer ({})", due.referralId(),
                        due.status() == SlaStatus.AT_RISK ? "is at risk of missing" : "has missed", due.deadline(),
                        due.stage());
            }
            return published.size();
        }
        finally {
            refreshOpenCounts(now);
        }
    }

    private List<Due> publishDue(Instant now) {
        Timestamp at = Timestamp.from(now);
        List<Due> due = new ArrayList<>();
        jdbc.query("select referral_id, received_at, deadline, outcome_at, awaiting_mash_decision, at_risk_at, "
                + "at_risk_emitted_at, breached_emitted_at from sla_clock where notified_at is null "
                + "and ((at_risk_emitted_at is null and at_risk_at <= ?) or (breached_emitted_at is null and deadline <= ?)) "
                + "order by deadline limit " + BATCH + " for update skip locked", rs -> {
                    UUID referralId = rs.getObject("referral_id", UUID.class);
                    SlaStage stage = SlaStage.of(rs.getTimestamp("outcome_at") != null,
                            rs.getBoolean("awaiting_mash_decision"));
                    Instant receivedAt = rs.getTimestamp("received_at").toInstant();
                    Instant deadline = rs.getTimestamp("deadline").toInstant();
                    if (rs.getTimestamp("at_risk_emitted_at") == null) {
                        due.add(new Due(referralId, SlaStatus.AT_RISK, stage, receivedAt, deadline));
                    }
                    if (rs.getTimestamp("breached_emitted_at") == null && !deadline.isAfter(now)) {
                        due.add(new Due(referralId, SlaStatus.BREACHED, stage, receivedAt, deadline));
                    }
                }, at, at);
        if (due.isEmpty()) {
            return due;
        }
        kafka.executeInTransaction(operations -> {
            due.forEach(d -> operations.send(topics.slaEvents(), d.referralId().toString(), d.event(now)));
            return null;
        });
        for (Due d : due) {
            jdbc.update("update sla_clock set " + (d.status() == SlaStatus.AT_RISK ? "at_risk_emitted_at"
                    : "breached_emitted_at") + " = ? where referral_id = ?", at, d.referralId());
        }
        return due;
    }

    private void refreshOpenCounts(Instant now) {
        Timestamp at = Timestamp.from(now);
        openAtRisk.set(count("at_risk_at <= ? and deadline > ?", at, at));
        openBreached.set(count("deadline <= ?", at));
    }

    /** Counted by the clock's own times, so that the alerts on these gauges fire while the broker is down too. */
    private long count(String condition, Object... times) {
        Long count = jdbc.queryForObject("select count(*) from sla_clock where notified_at is null and " + condition,
                Long.class, times);
        return count == null ? 0 : count;
    }

    @Scheduled(fixedDelayString = "${referrals.notify.sla.sweep-interval:30s}")
    void sweepLoggingFailures() {
        try {
            sweep();
        }
        catch (RuntimeException e) {
            log.error("SLA sweep failed; it will run again in {}", settings.sla().sweepInterval(), e);
        }
    }

    private record Due(UUID referralId, SlaStatus status, SlaStage stage, Instant receivedAt, Instant deadline) {

        SlaStatusChanged event(Instant now) {
            return SlaStatusChanged.newBuilder()
                    .setEventId(UUID.nameUUIDFromBytes((referralId + ":" + status).getBytes(StandardCharsets.UTF_8)))
                    .setReferralId(referralId)
                    .setStatus(status)
                    .setStage(stage.name())
                    .setReceivedAt(receivedAt)
                    .setDeadline(deadline)
                    .setOccurredAt(now)
                    .build();
        }
    }
}
