package uk.mash.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the local stack until Ctrl-C. {@code --clean} starts from empty Kafka and PostgreSQL data; otherwise the data
 * of the last run is kept. The data directory is {@code .local-stack} under the working directory, or
 * {@code LOCAL_STACK_HOME}.
 */
public final class LocalStackMain {

    private static final Logger log = LoggerFactory.getLogger(LocalStackMain.class);

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Instant started = Instant.now();
        boolean clean = Arrays.asList(args).contains("--clean");
        Path home = Path.of(System.getenv().getOrDefault("LOCAL_STACK_HOME", ".local-stack")).toAbsolutePath();
        LocalStack stack = LocalStack.start(LocalStackSettings.defaults(home, clean));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping the local stack");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        log.info(banner(stack, home, Duration.between(started, Instant.now())));
        stopped.await();
    }

    private static String banner(LocalStack stack, Path home, Duration startUp) {
        StringBuilder text = new StringBuilder("\n\nLocal stack is up in ").append(startUp.toMillis() / 1000.0)
                .append(" s (data in ").append(home).append("). Ctrl-C stops it.\n\n");
        text.append(String.format("  %-22s %s%n", "Kafka (KRaft)", stack.bootstrapServers()));
        text.append(String.format("  %-22s %s%n", "PostgreSQL", stack.jdbcUrl() + " (user referrals)"));
        text.append(String.format("  %-22s %s%n", "Schema registry", stack.registryUrl()));
        for (PipelineService service : PipelineService.values()) {
            text.append(String.format("  %-22s %s  (health %s/actuator/health, metrics %s/actuator/prometheus)%n",
                    service.module(), stack.serviceUrl(service), stack.serviceUrl(service),
                    stack.serviceUrl(service)));
        }
        text.append(String.format("  %-22s %s/api/v1/referrals%n", "Submit a referral",
                stack.serviceUrl(PipelineService.REFERRAL_INTAKE)));
        text.append(String.format("  %-22s %s/api/v1/referrals/{referralId}/notifications%n", "Referrer notifications",
                stack.serviceUrl(PipelineService.NOTIFICATION_SERVICE)));
        text.append(String.format("  %-22s %s/webhooks and %s/emails (SMTP on port %d)%n", "Agency inbox",
                stack.agencyInbox().url(), stack.agencyInbox().url(), stack.agencyInbox().smtpPort()));
        text.append(String.format("  %-22s %s/notify/emails (the school's emails, by Notify reference)%n",
                "GOV.UK Notify stand-in", stack.agencyInbox().url()));
        text.append(String.format("  %-22s %s/api/v1/sla/open-referrals%n", "SLA at risk / breached",
                stack.serviceUrl(PipelineService.NOTIFICATION_SERVICE)));
        text.append(String.format("  %-22s %s/console (sign in with %s)%n", "MASH worker console",
                stack.serviceUrl(PipelineService.MASH_TRIAGE), DemoClients.MASH_WORKER.apiKey()));
        text.append(String.format("  %-22s %s/operations (sign in with %s)%n", "Operations page",
                stack.serviceUrl(PipelineService.NOTIFICATION_SERVICE), DemoClients.OPERATIONS.apiKey()));
        text.append("\n  Demo API keys (header X-Api-Key; local use only):\n");
        for (DemoClients client : DemoClients.values()) {
            text.append(String.format("    %-18s %-24s %s%n", client.clientName(), client.apiKey(),
                    client.role() + (client.agencyCode() == null ? "" : " for " + client.agencyCode())));
        }
        return text.toString();
    }
}
