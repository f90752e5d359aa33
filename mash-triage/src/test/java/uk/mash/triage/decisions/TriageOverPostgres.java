package uk.mash.triage.decisions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.events.CaseRegistryChanged;
import uk.mash.events.CaseStatus;
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.events.TriageTaskCreated;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.indicators.IndicatorCatalogue;
import uk.mash.platform.serde.GeneratedAvroClasses;
import uk.mash.platform.testing.ServiceDatabase;
import uk.mash.platform.topics.TopicCatalogue;
import uk.mash.triage.TriageSettings;
import uk.mash.triage.collation.ChildCollation;
import uk.mash.triage.collation.Collations;
import uk.mash.triage.rules.RulePacks;

/**
 * Triage and MASH worker decisions over real PostgreSQL with the shipped settings and rule packs, without Kafka: each
 * referral is triaged as a poll of one is (in one transaction, read for the poll first) unless a test makes a poll of
 * several, and each case registry change is kept as triage's other listener keeps it. Triage runs {@link #LAG} after
 * the referrals were received. Public for the console's tests, which open the tasks it raises.
 */
public final class TriageOverPostgres implements AutoCloseable {

    public static final Instant RECEIVED = Instant.parse("2026-11-24T09:20:00Z");
    static final Duration LAG = Duration.ofHours(3);
    public static final String WORKER = "mash-worker-1";

    static {
        GeneratedAvroClasses.trust();
    }

    private final ServiceDatabase database;
    private final TransactionTemplate transaction;
    private final TriageStore store;
    private final ChildCollation collation;
    private final ReferralTriage triage;
    private final WorkerDecisions decisions;
    private final AtomicLong offsets = new AtomicLong();

    public TriageOverPostgres(Path dataDir) {
        database = ServiceDatabase.migrated(dataDir, "triage");
        JdbcTemplate jdbc = database.jdbc();
        JdbcTransactionManager transactions = new JdbcTransactionManager(database.dataSource());
        transaction = new TransactionTemplate(transactions);
        TriageSettings settings = shippedSettings();
        Clock clock = Clock.fixed(RECEIVED.plus(LAG), ZoneOffset.UTC);
        AuditTrail audit = new AuditTrail(jdbc, clock);
        store = new TriageStore(jdbc);
        IndicatorCatalogue catalogue = IndicatorCatalogue.standard();
        collation = Collations.over(jdbc, settings);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RulesInForce rules = new RulesInForce(new RulePacks(settings, catalogue,
                new PathMatchingResourcePatternResolver()), catalogue, collation);
        triage = new ReferralTriage(rules, new LaterAccountTriage(rules, store, audit, settings, clock, meters),
                collation, store, audit, settings, clock, meters, transactions);
        decisions = transactional(new WorkerDecisions(store, audit, clock, settings), transactions);
    }

    /** Triages the referral, received at {@link #RECEIVED}, as a poll of its own. */
    TriageEvents triage(ReferralSubmitted referral) {
        return triage(received(referral));
    }

    /** Triages the received event as a poll of its own, carried by the next record of the partition. */
    TriageEvents triage(ReferralReceived received) {
        return poll(List.of(atNextOffset(received))).get(0);
    }

    /** Triages the records as one poll, in one transaction, as the listener does. */
    List<TriageEvents> poll(List<ConsumerRecord<String, ReferralReceived>> records) {
        return poll(records, () -> { });
    }

    /**
     * Triages the received event as a poll of its own, as another instance would, running {@code meanwhile} before
     * the poll's transaction commits.
     */
    TriageEvents triageCommittingAfter(ReferralReceived received, Runnable meanwhile) {
        return poll(List.of(atNextOffset(received)), meanwhile).get(0);
    }

    private List<TriageEvents> poll(List<ConsumerRecord<String, ReferralReceived>> records, Runnable meanwhile) {
        return transaction.execute(status -> {
            triage.prepare(records);
            List<TriageEvents> triaged = records.stream()
                    .map(record -> triage.triage(record.value(), record.partition(), record.offset())).toList();
            meanwhile.run();
            return triaged;
        });
    }

    /** Waits until another transaction on the database waits for a lock this one holds. */
    void awaitAnotherTransactionWaitingForALock() {
        JdbcTemplate observer = database.jdbc();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(observer.queryForObject(
                "select exists (select 1 from pg_stat_activity where wait_event_type = 'Lock' "
                        + "and datname = current_database())", Boolean.class)));
    }

    /** The next record of the received referrals topic's partition, carrying the event. */
    ConsumerRecord<String, ReferralReceived> atNextOffset(ReferralReceived received) {
        return new ConsumerRecord<>("referrals.received.v1", 0, offsets.incrementAndGet(), received.getChildKey(),
                received);
    }

    /** The tasks for MASH workers that triaging the received event, as a poll of its own, raised. */
    public List<TriageTaskCreated> tasksRaisedBy(ReferralReceived received) {
        return triage(received).tasks();
    }

    /** The referral as intake publishes it, received at {@link #RECEIVED}. */
    public static ReferralReceived received(ReferralSubmitted referral) {
        return ReferralReceived.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(UUID.randomUUID())
                .setReceivedAt(RECEIVED)
                .setChildKey("intake-key-" + UUID.randomUUID())
                .setReferral(referral)
                .build();
    }

    /**
     * The written follow-up of a telephone referral as intake publishes it: the written referral, received at
     * {@code at}, under the call's referral id, received time and child key.
     */
    public static ReferralReceived writtenFollowUp(ReferralReceived call, ReferralSubmitted written, Instant at) {
        return ReferralReceived.newBuilder(call)
                .setEventId(UUID.randomUUID())
                .setReferral(written)
                .setWrittenFollowUpReceivedAt(at)
                .build();
    }

    /** The case registry says the referral's child has a case open in the authority, allocated to the social worker. */
    UUID caseOpen(ReferralSubmitted aboutTheChild, String localAuthority, String socialWorker) {
        CaseRegistryChanged change = CaseRegistryChanged.newBuilder()
                .setEventId(UUID.randomUUID())
                .setCaseId(UUID.randomUUID())
                .setStatus(CaseStatus.OPEN)
                .setOccurredAt(RECEIVED.minus(Duration.ofDays(7)))
                .setOpenedAt(RECEIVED.minus(Duration.ofDays(7)))
                .setOpenedByReferralId(UUID.randomUUID())
                .setLocalAuthority(localAuthority)
                .setAllocatedTeam("csc-assessments-" + localAuthority)
                .setAllocatedSocialWorker(socialWorker)
                .setChildKey("router-key-" + UUID.randomUUID())
                .setChild(aboutTheChild.getChild())
                .build();
        transaction.executeWithoutResult(status -> {
            collation.prepareCases(List.of(change));
            collation.recordCase(change);
        });
        return change.getCaseId();
    }

    /**
     * The worker's decision, sent from the task page as it shows the referral now, as the console sends it: naming
     * the outcome version and the accounts of the referral the page shows.
     */
    TriageOutcomeIssued decide(UUID taskId, WorkerDecision decision) {
        return decisions.decide(taskId, store.task(taskId).map(task -> seeing(decision, ReferralAsShown.of(
                store.latestOutcome(task.getReferralId()).orElseThrow(),
                store.referralAsKnown(task.getReferralId())))).orElse(decision), WORKER);
    }

    /** The worker's decision, sent from a task page that showed this of the referral, as it was then. */
    TriageOutcomeIssued decide(UUID taskId, WorkerDecision decision, ReferralAsShown shown) {
        return decisions.decide(taskId, seeing(decision, shown), WORKER);
    }

    private static WorkerDecision seeing(WorkerDecision decision, ReferralAsShown shown) {
        return new WorkerDecision(decision.decision(), decision.outcome(), decision.levelOfNeed(), decision.reason(),
                decision.immediateRisk(), decision.consentObtained(), decision.noSignificantHarm(),
                decision.youngPersonConsents(), shown.outcomeVersion(), shown.writtenFollowUp(), shown.lateCall());
    }

    /** The latest outcome version stored for the referral. */
    TriageOutcomeIssued latestOutcome(UUID referralId) {
        return store.latestOutcome(referralId).orElseThrow();
    }

    /** The outcomes stored and not yet published. */
    List<TriageOutcomeIssued> pendingPublication() {
        return store.pendingOutcomes();
    }

    /** The relay of this database's pending outcomes, publishing through the template. */
    public PendingOutcomeRelay relayThrough(KafkaTemplate<String, Object> kafka) {
        return new PendingOutcomeRelay(store, kafka, new Binder().bindOrCreate("referrals.topics",
                TopicCatalogue.class));
    }

    /** The referrals the audit trail says were looked at with this action, in the order recorded. */
    List<UUID> audited(String action) {
        return database.jdbc().queryForList("select referral_id from audit_event where action = ? order by id",
                UUID.class, action);
    }

    /** What the audit trail says of each action of this kind on the referral, in the order recorded. */
    public List<String> audited(String action, UUID referralId) {
        return database.jdbc().queryForList("select reason from audit_event where action = ? and referral_id = ? "
                + "order by id", String.class, action, referralId);
    }

    /** Who the audit trail says took each action of this kind on the referral, in the order recorded. */
    public List<String> auditedActors(String action, UUID referralId) {
        return database.jdbc().queryForList("select actor from audit_event where action = ? and referral_id = ? "
                + "order by id", String.class, action, referralId);
    }

    /** Each outcome version of the referral stored, with its status as stored now (superseded, say). */
    List<String> outcomeStatuses(UUID referralId) {
        return database.jdbc().queryForList("select 'v' || outcome_version || ' ' || status from outcome "
                + "where referral_id = ? order by outcome_version", String.class, referralId);
    }

    public WorkerDecisions decisions() {
        return decisions;
    }

    /** As Spring wires it: each of its {@code @Transactional} methods in a transaction of its own. */
    private static WorkerDecisions transactional(WorkerDecisions decisions, TransactionManager transactions) {
        ProxyFactory proxy = new ProxyFactory(decisions);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice(new TransactionInterceptor(transactions, new AnnotationTransactionAttributeSource()));
        return (WorkerDecisions) proxy.getProxy();
    }

    /** The shipped application.yml, which has no matching secret of its own. */
    private static TriageSettings shippedSettings() {
        try {
            List<PropertySource<?>> sources = new ArrayList<>(List.of(new MapPropertySource("test matching secret",
                    Map.of("referrals.triage.matching.secret", Collations.MATCHING_SECRET))));
            sources.addAll(new YamlPropertySourceLoader().load("triage", new ClassPathResource("application.yml")));
            return new Binder(ConfigurationPropertySources.from(sources))
                    .bindOrCreate("referrals.triage", TriageSettings.class);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
