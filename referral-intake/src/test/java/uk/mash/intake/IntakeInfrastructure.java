package uk.mash.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralRejected;
import uk.mash.events.ReferralSubmitted;
import uk.mash.platform.embedded.EmbeddedInfrastructure;
import uk.mash.platform.embedded.kafka.TopicReader;
import uk.mash.platform.embedded.kafka.TopicWriter;
import uk.mash.platform.registry.SchemaRegistryClient;
import uk.mash.platform.registry.SchemaRegistrySettings;
import uk.mash.platform.security.ApiKeyAuthenticationFilter;
import uk.mash.platform.serde.AvroSerializer;

/**
 * Starts PostgreSQL, Kafka and the registry once for the whole test run and points intake at them.
 */
public final class IntakeInfrastructure implements BeforeAllCallback {

    public static final String SCHOOL_KEY = "test-school-key";
    public static final String OTHER_AGENCY_KEY = "test-police-key";
    public static final String MASH_WORKER_KEY = "test-mash-worker-key";
    public static final String SCHOOL_AGENCY = "URN110789";

    private static EmbeddedInfrastructure infrastructure;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(IntakeInfrastructure.class, key -> start(), ExtensionContext.Store.CloseableResource.class);
    }

    private static synchronized ExtensionContext.Store.CloseableResource start() {
        Path home;
        try {
            home = Files.createTempDirectory("intake-test");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        infrastructure = EmbeddedInfrastructure.start(home, 0, 0, 0);
        return infrastructure::close;
    }

    /** Publishes as an agency system would: Avro in the Confluent wire format, schema from the registry. */
    public static void publish(String topic, String key, SpecificRecord value) {
        new TopicWriter(infrastructure.bootstrapServers(), infrastructure.registryUrl().toString())
                .publish(topic, List.of(value), record -> key);
    }

    /** Publishes bytes as a broken agency system might: not necessarily a record at all. */
    public static void publishBytes(String topic, String key, byte[] value) {
        new TopicWriter(infrastructure.bootstrapServers(), infrastructure.registryUrl().toString())
                .publishBytes(topic, key, value);
    }

    /**
     * Publishes submissions on one partition in the order given, compressed as an agency system's producer may
     * compress them: the broker then takes a record larger than it would take uncompressed. Returns once each is
     * acknowledged, and fails if one is refused.
     */
    public static void publishCompressed(String topic, int partition, List<ReferralSubmitted> submissions)
            throws InterruptedException, ExecutionException {
        AvroSerializer<ReferralSubmitted> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", infrastructure.registryUrl().toString()), false);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
        try (KafkaProducer<String, ReferralSubmitted> producer = new KafkaProducer<>(config, new StringSerializer(),
                serializer)) {
            for (ReferralSubmitted submission : submissions) {
                producer.send(new ProducerRecord<>(topic, partition, submission.getAgencyReference(), submission))
                        .get();
            }
        }
    }

    public static SchemaRegistryClient registry() {
        return SchemaRegistryClient.shared(SchemaRegistrySettings.fromConfig(
                Map.of(SchemaRegistrySettings.URL_CONFIG, infrastructure.registryUrl().toString())));
    }

    /** The rejections published under this agency reference. */
    public static List<ReferralRejected> rejectedWithReference(String agencyReference) {
        return topics().<ReferralRejected>readAll("referrals.rejected.v1").stream()
                .map(ConsumerRecord::value)
                .filter(rejected -> agencyReference.equals(rejected.getAgencyReference()))
                .toList();
    }

    /** The referrals received under this agency reference. */
    public static List<ReferralReceived> receivedWithReference(String agencyReference) {
        return topics().<ReferralReceived>readAll("referrals.received.v1").stream()
                .map(ConsumerRecord::value)
                .filter(received -> agencyReference.equals(received.getReferral().getAgencyReference()))
                .toList();
    }

    /** The received events of this referral, with where on the topic each is. */
    public static List<ConsumerRecord<String, ReferralReceived>> receivedOf(UUID referralId) {
        return topics().<ReferralReceived>readAll("referrals.received.v1").stream()
                .filter(record -> referralId.equals(record.value().getReferralId()))
                .toList();
    }

    public static TopicReader topics() {
        return new TopicReader(infrastructure.bootstrapServers(), infrastructure.registryUrl().toString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        @Primary
        ControlledClock controlledClock() {
            return new ControlledClock(Clock.systemUTC().instant());
        }

        @Bean
        IntakeApi intakeApi(Environment environment) {
            return new IntakeApi(environment);
        }

        @Bean
        DynamicPropertyRegistrar intakeInfrastructureProperties() {
            return registry -> {
                infrastructure.serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
                List<String[]> clients = List.of(
                        new String[] { "school-system", SCHOOL_KEY, SCHOOL_AGENCY, "AGENCY" },
                        new String[] { "police-system", OTHER_AGENCY_KEY, "POLICE-0001", "AGENCY" },
                        new String[] { "mash-contact-officer", MASH_WORKER_KEY, "", "MASH_WORKER" });
                for (int i = 0; i < clients.size(); i++) {
                    String[] client = clients.get(i);
                    String prefix = "referrals.security.clients[" + i + "].";
                    registry.add(prefix + "name", () -> client[0]);
                    registry.add(prefix + "key-sha256",
                            () -> HexFormat.of().formatHex(ApiKeyAuthenticationFilter.sha256(client[1])));
                    if (!client[2].isEmpty()) {
                        registry.add(prefix + "agency-code", () -> client[2]);
                    }
                    registry.add(prefix + "roles", () -> client[3]);
                }
            };
        }
    }
}
