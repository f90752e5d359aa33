package uk.mash.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The four services running in this JVM against given Kafka, PostgreSQL and schema registry, each configured exactly
 * as it would be standalone: its own application.yml, with only the connection settings and the demo API clients
 * added. A service can be stopped and started again while the others keep running.
 */
public final class PipelineServices implements AutoCloseable {

    private static final String LISTENER_TIMER = "spring.kafka.listener";

    private final List<String> connection;
    private final Map<PipelineService, Integer> ports;
    private final Map<PipelineService, ConfigurableApplicationContext> running =
            Collections.synchronizedMap(new EnumMap<>(PipelineService.class));
    private final Map<PipelineService, List<String>> standingArguments =
            Collections.synchronizedMap(new EnumMap<>(PipelineService.class));

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param jdbcUrl the services' PostgreSQL database
     * @param databaseUser login role
     * @param databasePassword password of the login role
     * @param registryUrl the schema registry's base URL
     * @param ports each service's HTTP port; a service without one listens on any free port
     */
    public PipelineServices(String bootstrapServers, String jdbcUrl, String databaseUser, String databasePassword,
            String registryUrl, Map<PipelineService, Integer> ports) {
        this.connection = List.of(
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + databaseUser,
                "--spring.datasource.password=" + databasePassword,
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.kafka.properties.schema.registry.url=" + registryUrl,
                "--spring.main.banner-mode=off");
        this.ports = ports;
    }

    public void startAll() {
        for (PipelineService service : PipelineService.values()) {
            start(service);
        }
    }

    public void start(PipelineService service) {
        start(service, List.of());
    }

    /**
     * Starts a service with further arguments and context initializers for this start only, e.g. a test's clock.
     */
    public void start(PipelineService service, List<String> extraArguments,
            ApplicationContextInitializer<?>... initializers) {
        List<String> arguments = new ArrayList<>(connection);
        arguments.add("--spring.config.location=" + applicationYamlOf(service));
        arguments.add("--server.port=" + ports.getOrDefault(service, 0));
        arguments.addAll(DemoClients.asArguments());
        arguments.addAll(standingArguments.getOrDefault(service, List.of()));
        arguments.addAll(extraArguments);
        running.put(service, new SpringApplicationBuilder(service.application())
                .registerShutdownHook(false)
                .initializers(initializers)
                .run(arguments.toArray(String[]::new)));
    }

    /** Arguments a service is given every time it starts from now on, e.g. where its stand-ins listen. */
    public void addArguments(PipelineService service, List<String> arguments) {
        standingArguments.merge(service, List.copyOf(arguments), (before, more) -> {
            List<String> all = new ArrayList<>(before);
            all.addAll(more);
            return List.copyOf(all);
        });
    }

    public void stop(PipelineService service) {
        ConfigurableApplicationContext context = running.remove(service);
        if (context != null) {
            context.close();
        }
    }

    /**
     * Pauses the service's Kafka listeners and waits until none takes records any more; the service itself (its API,
     * its relays) runs on. Paused rather than stopped, their consumers stay in their groups: a stop and start made
     * new consumers, which joined their groups again and registered their metrics anew, work a running service never
     * does between two batches of referrals.
     *
     * @throws IllegalStateException if a listener has not paused within {@code within}
     */
    public void pauseListening(PipelineService service, Duration within) {
        Collection<MessageListenerContainer> containers = listenersOf(service).getListenerContainers();
        containers.forEach(MessageListenerContainer::pause);
        Instant giveUp = Instant.now().plus(within);
        while (!containers.stream().allMatch(MessageListenerContainer::isContainerPaused)) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException(service + "'s listeners did not pause within " + within);
            }
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while " + service + "'s listeners paused", e);
            }
        }
    }

    public void resumeListening(PipelineService service) {
        listenersOf(service).getListenerContainers().forEach(MessageListenerContainer::resume);
    }

    /**
     * How many polls each of the service's Kafka listeners has handled since it started, by the topics it reads: a
     * batch listener's invocations, counted by Spring Kafka's {@value #LISTENER_TIMER} timer. Each poll is a Kafka
     * transaction and a database commit, so records a poll say how much a service pays per referral for them.
     */
    public Map<String, Long> listenerPolls(PipelineService service) {
        ConfigurableApplicationContext context = running.get(service);
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        Collection<Timer> timers = meters.find(LISTENER_TIMER).timers();
        Map<String, Long> polls = new TreeMap<>();
        for (MessageListenerContainer container : listenersOf(service).getListenerContainers()) {
            String listener = container.getListenerId();
            long count = timers.stream()
                    .filter(timer -> isOf(listener, timer.getId().getTag("name")))
                    .mapToLong(Timer::count).sum();
            String[] topics = container.getContainerProperties().getTopics();
            polls.merge(topics == null ? listener : String.join(",", topics), count, Long::sum);
        }
        return polls;
    }

    /** A concurrent container's timers are named by its child containers: the listener's id, a dash, an index. */
    private static boolean isOf(String listener, String timerName) {
        return timerName != null && (timerName.equals(listener) || timerName.startsWith(listener + "-"));
    }

    private KafkaListenerEndpointRegistry listenersOf(PipelineService service) {
        return running.get(service).getBean(KafkaListenerEndpointRegistry.class);
    }

    public URI url(PipelineService service) {
        return URI.create("http://localhost:"
                + ((WebServerApplicationContext) running.get(service)).getWebServer().getPort());
    }

    /** Stops downstream services first, and only those that did start if start-up failed part way. */
    @Override
    public void close() {
        List<PipelineService> started = new ArrayList<>(running.keySet());
        Collections.reverse(started);
        started.forEach(this::stop);
    }

    /**
     * Each service module carries its own application.yml at the root of its classpath; in one JVM they would
     * shadow one another, so each service is pointed at its own by the URL of the module it comes from.
     */
    private static String applicationYamlOf(PipelineService service) {
        try {
            List<URL> candidates = Collections.list(
                    PipelineServices.class.getClassLoader().getResources("application.yml"));
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
