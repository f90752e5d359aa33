package uk.mash.harness.pipeline;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where referrals are waiting, for profiling a run: each service's consumer lag (committed records not yet
 * consumed, summed over the topics its group reads) and intake's outbox rows not yet published. Read from outside the
 * services, as an operator would; the outbox count is the only look into a service's tables, and holds no case data.
 */
public final class PipelineBacklog implements AutoCloseable {

    /** The services' consumer groups, in pipeline order. */
    public static final List<String> GROUPS = List.of("referral-intake", "mash-triage", "notification-service",
            "early-help-router");

    private final Admin admin;
    private final JdbcTemplate database;

    public PipelineBacklog(String bootstrapServers, JdbcTemplate database) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.database = database;
    }

    /** One look at the backlog: lag per group (in {@link #GROUPS} order) and unpublished outbox rows. */
    public record Snapshot(Map<String, Long> lagByGroup, long outboxUnpublished) {

        public String describe() {
            return lagByGroup.entrySet().stream().map(e -> e.getKey() + " lag " + e.getValue())
                    .collect(Collectors.joining(", ")) + ", intake outbox " + outboxUnpublished;
        }
    }

    public Snapshot snapshot() {
        Map<String, Long> lag = new LinkedHashMap<>();
        for (String group : GROUPS) {
            lag.put(group, lagOf(group));
        }
        return new Snapshot(lag, outboxUnpublished());
    }

    private long lagOf(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            if (committed.isEmpty()) {
                return 0;
            }
            Map<TopicPartition, Long> ends = endOffsets(committed.keySet());
            return committed.entrySet().stream()
                    .filter(e -> e.getValue() != null)
                    .mapToLong(e -> Math.max(0, ends.getOrDefault(e.getKey(), 0L) - e.getValue().offset()))
                    .sum();
        }
        catch (ExecutionException e) {
            return -1;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Last stable offsets: records of transactions still open are not yet waiting for anyone. */
    private Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin
                .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private long outboxUnpublished() {
        try {
            Long rows = database.queryForObject("select count(*) from intake.outbox", Long.class);
            return rows == null ? -1 : rows;
        }
        catch (DataAccessException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
