package uk.mash.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts one service in this JVM against given Kafka, PostgreSQL and schema registry, configured exactly as it would
 * be standalone: its own application.yml, with only the connection settings and the demo API clients added.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param jdbcUrl the services' PostgreSQL database
 * @param databaseUser login role
 * @param databasePassword password of the login role
 * @param registryUrl the schema registry's base URL
 */
public record ServiceLauncher(String bootstrapServers, String jdbcUrl, String databaseUser, String databasePassword,
        String registryUrl) {

    public ConfigurableApplicationContext start(PipelineService service, int port) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.config.location=" + applicationYamlOf(service),
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + databaseUser,
                "--spring.datasource.password=" + databasePassword,
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.kafka.properties.schema.registry.url=" + registryUrl,
                "--spring.main.banner-mode=off"));
        arguments.addAll(DemoClients.asArguments());
        return new SpringApplicationBuilder(service.application())
                .registerShutdownHook(false)
                .run(arguments.toArray(String[]::new));
    }

    /**
     * Each service module carries its own application.yml at the root of its classpath; in one JVM they would
     * shadow one another, so each service is pointed at its own by the URL of the module it comes from.
     */
    private static String applicationYamlOf(PipelineService service) {
        try {
            List<URL> candidates = Collections.list(
                    ServiceLauncher.class.getClassLoader().getResources("application.yml"));
            return candidates.stream()
                    .map(URL::toString)
                    .filter(url -> url.contains("/" + service.module() + "/")
                            || url.contains("/" + service.module() + "-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No application.yml of " + service.module()
                            + " on the class path: " + candidates));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
