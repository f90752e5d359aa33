package uk.mash.localstack;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the local stack keeps its data and which ports it listens on. Port 0 means any free port (tests).
 *
 * @param home directory for Kafka's logs and PostgreSQL's data; kept between runs
 * @param clean wipe {@code home} before starting
 * @param kafkaPort Kafka client port
 * @param postgresPort PostgreSQL port
 * @param registryPort schema registry port
 * @param servicePorts each service's HTTP port
 * @param agencyInboxHttpPort the agency inbox's HTTP port (webhooks received, emails listed, the Notify stand-in)
 * @param agencyInboxSmtpPort the agency inbox's mail server port
 */
public record LocalStackSettings(Path home, boolean clean, int kafkaPort, int postgresPort, int registryPort,
        Map<PipelineService, Integer> servicePorts, int agencyInboxHttpPort, int agencyInboxSmtpPort) {

    public static final int KAFKA_PORT = 9092;
    public static final int POSTGRES_PORT = 15432;
    public static final int REGISTRY_PORT = 8081;

    /** The fixed default ports the README lists. */
    public static LocalStackSettings defaults(Path home, boolean clean) {
        Map<PipelineService, Integer> ports = new EnumMap<>(PipelineService.class);
        for (PipelineService service : PipelineService.values()) {
            ports.put(service, service.defaultPort());
        }
        return new LocalStackSettings(home, clean, KAFKA_PORT, POSTGRES_PORT, REGISTRY_PORT, ports,
                AgencyInbox.DEFAULT_HTTP_PORT, AgencyInbox.DEFAULT_SMTP_PORT);
    }

    /** Any free ports, for tests that run beside a local stack. */
    public static LocalStackSettings ephemeral(Path home) {
        Map<PipelineService, Integer> ports = new EnumMap<>(PipelineService.class);
        for (PipelineService service : PipelineService.values()) {
            ports.put(service, 0);
        }
        return new LocalStackSettings(home, false, 0, 0, 0, ports, 0, 0);
    }
}
