package uk.mash.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.NotificationChannel;
import uk.mash.notify.NotifyFixtures;
import uk.mash.notify.NotifySettings;

/** Posting to an agency system over real HTTP, as the dispatcher does one message after another. */
class WebhookSenderTest {

    private static final String AGENCY = "SCH-0001";
    private static final int MESSAGES = 8;

    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    private final List<String> signedAsReceived = new CopyOnWriteArrayList<>();
    private HttpServer agencySystem;
    private WebhookSender sender;

    @BeforeEach
    void startAgencySystem() throws IOException {
        agencySystem = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        agencySystem.createContext("/referrals/outcomes", exchange -> {
            idempotencyKeys.add(exchange.getRequestHeaders().getFirst(WebhookSignature.IDEMPOTENCY_KEY_HEADER));
            byte[] body = exchange.getRequestBody().readAllBytes();
            signedAsReceived.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Length") + "=" + body.length + " "
                    + WebhookSignature.of(body, "shared-secret").equals(
                            exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        agencySystem.createContext("/moved", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", url());
            exchange.sendResponseHeaders(Integer.parseInt(exchange.getRequestURI().getQuery()), -1);
            exchange.close();
        });
        agencySystem.start();
        sender = new WebhookSender(JsonMapper.builder().build(), NotifyFixtures.settings(Map.of(AGENCY,
                new NotifySettings.AgencyChannels(null, url(), "shared-secret", null, false))));
    }

    @AfterEach
    void stop() {
        agencySystem.stop(0);
    }

    @Test
    void messagesOneAfterAnotherDoNotEachStartAThread() {
        sender.send(delivery("ref-0:v1:WEBHOOK"));
        long threadsBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();

        for (int message = 1; message <= MESSAGES; message++) {
            sender.send(delivery("ref-" + message + ":v1:WEBHOOK"));
        }

        assertThat(idempotencyKeys).hasSize(MESSAGES + 1).contains("ref-1:v1:WEBHOOK", "ref-8:v1:WEBHOOK");
        // HttpURLConnection's keep-alive timer starts again only if the connection it watched has gone idle for seconds
        assertThat(ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - threadsBefore)
                .isLessThanOrEqualTo(1);
    }

    @Test
    void theMessageArrivesWholeAsJsonWithItsLengthAndAValidSignature() {
        sender.send(delivery("ref-1:v1:WEBHOOK"));

        assertThat(signedAsReceived).singleElement().asString().startsWith("application/json ")
                .matches(".* (\\d+)=\\1 true");
    }

    @Test
    void anAgencySystemThatCannotBeReachedIsTriedAgain() {
        agencySystem.stop(0);

        assertThatThrownBy(() -> sender.send(delivery("ref-down:v1:WEBHOOK")))
                .as("a failure to retry, not a refusal to give up on")
                .isNotInstanceOf(UndeliverableMessage.class);
    }

    @ParameterizedTest(name = "answered {0}")
    @ValueSource(ints = {301, 302})
    void aRedirectIsNotDeliveredAndIsTriedAgain(int status) {
        String movedUrl = "http://localhost:" + agencySystem.getAddress().getPort() + "/moved?" + status;

        assertThatThrownBy(() -> sender.send(delivery("ref-moved:v1:WEBHOOK", movedUrl)))
                .as("a failure to retry, not a refusal to give up on")
                .isNotInstanceOf(UndeliverableMessage.class)
                .hasMessageContaining("answered " + status);
        assertThat(idempotencyKeys).as("the redirect was not followed").isEmpty();
    }

    private PendingDelivery delivery(String notificationId) {
        return delivery(notificationId, url());
    }

    private PendingDelivery delivery(String notificationId, String destination) {
        ReferrerMessage message = new ReferrerMessage(notificationId, UUID.randomUUID().toString(), AGENCY,
                "SCH-REF-1", "OUTCOME", "EARLY_HELP", 1, Instant.now(), "Early Help", "the MASH");
        return new PendingDelivery(notificationId, UUID.randomUUID(), AGENCY, NotificationChannel.WEBHOOK,
                destination, message, 0, false);
    }

    private String url() {
        return "http://localhost:" + agencySystem.getAddress().getPort() + "/referrals/outcomes";
    }
}
