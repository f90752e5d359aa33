package uk.mash.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.util.FileSystemUtils;

import uk.mash.platform.embedded.EmbeddedInfrastructure;
import uk.mash.platform.embedded.postgres.EmbeddedDatabase;

/**
 * The whole pipeline in one JVM: a real Kafka broker (KRaft), a real PostgreSQL server, the schema registry and the
 * four services, each service in its own Spring application context configured exactly as it would be standalone
 * (its own application.yml), pointed at the embedded infrastructure. Services can be stopped and started again
 * while the rest keeps running. The agencies' side is an {@link AgencyInbox}: a webhook receiver and a mail server
 * whose received messages can be listed.
 */
public final class LocalStack implements AutoCloseable {

    private final EmbeddedInfrastructure infrastructure;
    private final PipelineServices services;
    private final AgencyInbox agencyInbox;

    private LocalStack(LocalStackSettings settings, EmbeddedInfrastructure infrastructure, AgencyInbox agencyInbox) {
        this.infrastructure = infrastructure;
        this.agencyInbox = agencyInbox;
        this.services = new PipelineServices(infrastructure.bootstrapServers(), infrastructure.jdbcUrl(),
                EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD, infrastructure.registryUrl().toString(),
                settings.servicePorts());
        this.services.addArguments(PipelineService.NOTIFICATION_SERVICE, agencyInbox.notifierArguments());
        DevelopmentSecrets.keptIn(settings.home()).arguments().forEach(this.services::addArguments);
    }

    public static LocalStack start(LocalStackSettings settings) {
        if (settings.clean()) {
            try {
                FileSystemUtils.deleteRecursively(settings.home());
            }
            catch (IOException e) {
                throw new UncheckedIOException("Could not delete the local stack's data directory", e);
            }
        }
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(settings.home(), settings.kafkaPort(),
                settings.postgresPort(), settings.registryPort());
        AgencyInbox agencyInbox = AgencyInbox.start(settings.agencyInboxHttpPort(), settings.agencyInboxSmtpPort());
        LocalStack stack = new LocalStack(settings, infrastructure, agencyInbox);
        stack.services.startAll();
        return stack;
    }

    public void startService(PipelineService service) {
        services.start(service);
    }

    /** Starts a service with further arguments and initializers for this start only (tests: a clock, a hook). */
    public void startService(PipelineService service, List<String> extraArguments,
            ApplicationContextInitializer<?>... initializers) {
        services.start(service, extraArguments, initializers);
    }

    public void stopService(PipelineService service) {
        services.stop(service);
    }

    /** Pauses the service's Kafka listeners, waiting until they take no more records; the service runs on. */
    public void pauseListening(PipelineService service, Duration within) {
        services.pauseListening(service, within);
    }

    public void resumeListening(PipelineService service) {
        services.resumeListening(service);
    }

    /** Polls each of the service's Kafka listeners has handled, by the topics it reads. */
    public Map<String, Long> listenerPolls(PipelineService service) {
        return services.listenerPolls(service);
    }

    public URI serviceUrl(PipelineService service) {
        return services.url(service);
    }

    public String bootstrapServers() {
        return infrastructure.bootstrapServers();
    }

    public URI registryUrl() {
        return infrastructure.registryUrl();
    }

    public String jdbcUrl() {
        return infrastructure.jdbcUrl();
    }

    public AgencyInbox agencyInbox() {
        return agencyInbox;
    }

    @Override
    public void close() {
        services.close();
        agencyInbox.close();
        infrastructure.close();
    }
}
