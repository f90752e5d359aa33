package uk.mash.platform.embedded;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import uk.mash.platform.embedded.kafka.KraftBroker;
import uk.mash.platform.embedded.postgres.EmbeddedDatabase;
import uk.mash.platform.embedded.registry.SchemaRegistryServer;

/**
 * PostgreSQL, a Kafka broker and the schema registry in this JVM: what every service needs around it, for the local
 * stack and for tests of one service on machines without Docker.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private final EmbeddedDatabase database;
    private final KraftBroker kafka;
    private final SchemaRegistryServer registry;

    private EmbeddedInfrastructure(EmbeddedDatabase database, KraftBroker kafka, SchemaRegistryServer registry) {
        this.database = database;
        this.kafka = kafka;
        this.registry = registry;
    }

    /**
     * Starts all three, keeping their data under {@code home}; port 0 means any free port.
     */
    public static EmbeddedInfrastructure start(Path home, int kafkaPort, int postgresPort, int registryPort) {
        EmbeddedDatabase database = EmbeddedDatabase.start(home.resolve("postgres"), postgresPort);
        KraftBroker kafka = KraftBroker.start(home.resolve("kafka"), kafkaPort, Map.of());
        SchemaRegistryServer registry = new SchemaRegistryServer(database.dataSource(), "127.0.0.1", registryPort)
                .start();
        return new EmbeddedInfrastructure(database, kafka, registry);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public URI registryUrl() {
        return registry.baseUrl();
    }

    /** The settings that point a service at this infrastructure. */
    public Map<String, String> serviceProperties() {
        return Map.of("spring.datasource.url", database.jdbcUrl(),
                "spring.datasource.username", EmbeddedDatabase.USER,
                "spring.datasource.password", EmbeddedDatabase.PASSWORD,
                "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "spring.kafka.properties.schema.registry.url", registry.baseUrl().toString());
    }

    @Override
    public void close() {
        registry.close();
        kafka.close();
        database.close();
    }
}
