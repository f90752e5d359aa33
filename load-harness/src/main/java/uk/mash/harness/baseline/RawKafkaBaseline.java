package uk.mash.harness.baseline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import uk.mash.harness.kafka.KafkaClients;
import uk.mash.harness.kafka.SubmissionPayloads.Payload;
import uk.mash.harness.report.CpuSampler;

/**
 * What the broker alone can do with the pipeline's load: the same submission bytes through transactional
 * consume-produce hops standing for the services' listeners ({@link Shape}), on the same broker, with the same
 * partitions and replication as the pipeline's topics, and no database and no rules. Pre-filled, then drained, like
 * the pipeline's saturation run, and timed the same way: to the last record on the notifications topic.
 */
public final class RawKafkaBaseline {

    private static final Logger log = LoggerFactory.getLogger(RawKafkaBaseline.class);

    private static final String FIRST = "submitted";
    private static final String LAST = "notifications";

    /**
     * One consumer of the baseline: it reads one stage's topic and relays every record to another's, or only commits
     * what it read.
     *
     * @param to the stage relayed to; null for a consumer that produces nothing
     */
    record Hop(String from, String to) {

        static Hop relay(String from, String to) {
            return new Hop(from, to);
        }

        static Hop readOnly(String from) {
            return new Hop(from, null);
        }
    }

    /** Which of the services' listeners the baseline's consumers stand for. */
    public enum Shape {
        /**
         * Every listener a referral passes through, as the pipeline runs them side by side: intake (submitted to
         * received), triage (received to outcomes), the notifier's SLA clock (reads received, produces nothing), the
         * router (outcomes to its routed-case topic) and the notifier (outcomes to notifications). The same Kafka work
         * a referral costs the pipeline, less its triage tasks and case registry changes (a third of referrals each).
         */
        SERVICES(List.of(Hop.relay(FIRST, "received"), Hop.relay("received", "outcomes"), Hop.readOnly("received"),
                Hop.relay("outcomes", "routed"), Hop.relay("outcomes", LAST))),
        /** Only the path from submission to notification: intake, triage and the notifier, one after the other. */
        PATH(List.of(Hop.relay(FIRST, "received"), Hop.relay("received", "outcomes"), Hop.relay("outcomes", LAST)));

        private final List<Hop> hops;

        Shape(List<Hop> hops) {
            this.hops = hops;
        }

        /** Consume-produce hops from submission to notification: three in both shapes. */
        public int hopsToNotification() {
            int count = 0;
            for (String stage = LAST; !stage.equals(FIRST); count++) {
                String to = stage;
                stage = hops.stream().filter(hop -> to.equals(hop.to())).findFirst().orElseThrow().from();
            }
            return count;
        }

        public int consumers() {
            return hops.size();
        }

        List<Hop> hops() {
            return hops;
        }

        List<String> stages() {
            return hops.stream().flatMap(hop -> Stream.of(hop.from(), hop.to()))
                    .filter(Objects::nonNull).distinct().toList();
        }
    }

    /**
     * @param shape which consumers relayed
     * @param records records relayed through every hop
     * @param seconds from the first hop's first consume to the last record on the final topic
     * @param cpu CPU used in that window
     * @param partitions partitions of each topic
     * @param replicationFactor replication factor of each topic
     */
    public record Result(Shape shape, long records, double seconds, CpuSampler.CpuUse cpu, int partitions,
            int replicationFactor) {

        public double perSecond() {
            return records / seconds;
        }

        public double jvmCpuSecondsPer1000() {
            return cpu.jvmSeconds() * 1000 / records;
        }
    }

    private final String bootstrapServers;
    private final CpuSampler cpu;
    private final Shape shape;
    private final boolean transactionPerRecord;
    private final String prefix;

    /**
     * @param transactionPerRecord one Kafka transaction per record, as the services' record listeners commit, rather
     *        than one per poll
     * @param drain which drain of the run this is: each has topics of its own
     */
    public RawKafkaBaseline(String bootstrapServers, CpuSampler cpu, Shape shape, boolean transactionPerRecord,
            int drain) {
        this.bootstrapServers = bootstrapServers;
        this.cpu = cpu;
        this.shape = shape;
        this.transactionPerRecord = transactionPerRecord;
        this.prefix = "baseline." + shape.name().toLowerCase(Locale.ROOT)
                + (transactionPerRecord ? ".per-record." : ".per-poll.") + drain + ".";
    }

    private String topic(String stage) {
        return prefix + stage;
    }

    /**
     * @param modelTopic the pipeline topic whose partitions and replication the baseline's topics copy
     * @param payloads what to relay
     * @param stall how long without a new record on the final topic before the run is given up
     */
    public Result run(String modelTopic, List<Payload> payloads, Duration stall) {
        TopicDescription model = createTopicsLike(modelTopic);
        int partitions = model.partitions().size();
        int replicas = model.partitions().get(0).replicas().size();
        prefill(payloads);
        List<KafkaRelay> relays = new ArrayList<>();
        try {
            for (Hop hop : shape.hops()) {
                relays.add(new KafkaRelay(bootstrapServers, topic(hop.from()),
                        hop.to() == null ? null : topic(hop.to()), transactionPerRecord).start());
            }
            Instant last = awaitAll(payloads.size(), relays, stall);
            Instant first = relays.get(0).firstConsumed();
            double seconds = Duration.between(first, last).toNanos() / 1e9;
            return new Result(shape, payloads.size(), seconds, cpu.between(first, last), partitions, replicas);
        }
        finally {
            relays.forEach(KafkaRelay::close);
        }
    }

    /**
     * Published as the pipeline's submissions were: a plain idempotent producer, acks=all, flushed. One request in
     * flight: just after the topics are created, a first batch refused for want of a leader must not be overtaken by
     * later ones, or the broker sees the sequence numbers out of order. Pre-filling is not measured.
     */
    private void prefill(List<Payload> payloads) {
        Map<String, Object> config = new HashMap<>(KafkaClients.producer(bootstrapServers));
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = payloads.stream()
                    .map(p -> producer.send(new ProducerRecord<>(topic(FIRST), p.agencyReference(), p.value())))
                    .toList();
            producer.flush();
            for (Future<RecordMetadata> send : sent) {
                send.get();
            }
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("Could not pre-fill the baseline: " + e.getCause(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Instant awaitAll(int expected, List<KafkaRelay> relays, Duration stall) {
        Set<String> keys = new HashSet<>();
        long records = 0;
        Instant last = null;
        long lastProgress = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrapServers, "baseline-end-" + UUID.randomUUID()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic(LAST)));
            while (records < expected) {
                var batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    last = Instant.now();
                    lastProgress = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    records++;
                    keys.add(new String(record.key(), StandardCharsets.UTF_8));
                }
                relays.forEach(KafkaRelay::firstConsumed);
                if (System.nanoTime() - lastProgress > stall.toNanos()) {
                    throw new IllegalStateException("The raw Kafka baseline stalled: " + records + " of " + expected
                            + " records reached " + topic(LAST));
                }
            }
        }
        if (records != expected || keys.size() != expected) {
            throw new IllegalStateException("The raw Kafka baseline delivered " + records + " records for "
                    + keys.size() + " distinct submissions; expected exactly " + expected);
        }
        log.info("Raw Kafka baseline ({}) relayed {} records to notification through {} hops, {} consumers in all",
                shape, records, shape.hopsToNotification(), shape.consumers());
        return last;
    }

    /**
     * A producer sending before a new partition has its leader gets its sequence numbers out of step. Just after
     * creation the broker may not know the topics yet at all, which is the same "not yet".
     */
    private void awaitLeaders(Admin admin) throws ExecutionException, InterruptedException {
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < giveUpAt) {
            if (led(admin)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("The baseline's topics have no leader after 30 s");
    }

    private boolean led(Admin admin) throws ExecutionException, InterruptedException {
        try {
            return admin.describeTopics(topics()).allTopicNames().get().values().stream()
                    .flatMap(topic -> topic.partitions().stream())
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    private List<String> topics() {
        return shape.stages().stream().map(this::topic).toList();
    }

    private TopicDescription createTopicsLike(String modelTopic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicDescription model = admin.describeTopics(List.of(modelTopic)).allTopicNames().get().get(modelTopic);
            short replicas = (short) model.partitions().get(0).replicas().size();
            admin.createTopics(topics().stream()
                    .map(name -> new NewTopic(name, model.partitions().size(), replicas))
                    .toList()).all().get();
            awaitLeaders(admin);
            return model;
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("Could not create the baseline's topics: " + e.getCause(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
