package uk.mash.notify.delivery;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.NotificationChannel;
import uk.mash.notify.NotifySettings;

/**
 * Posts the message as JSON to the agency system, signed with the agency's secret and carrying the notification id
 * as its idempotency key, so the agency system can drop a repeat. Any answer but 2xx counts as not delivered.
 */
@Component
class WebhookSender implements ChannelSender {

    private final RestClient http;
    private final JsonMapper json;
    private final NotifySettings settings;

    WebhookSender(JsonMapper json, NotifySettings settings) {
        // the JDK's HttpClient, on Java 17 and a machine of two cores, starts a thread for every request (its
        // completion runs on CompletableFuture's default executor, a thread a task when the common pool has one
        // worker), and Spring's factory for it starts another to write each body: HttpURLConnection starts none
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(settings.delivery().webhookTimeout());
        requests.setReadTimeout(settings.delivery().webhookTimeout());
        this.http = RestClient.builder().requestFactory(requests).build();
        this.json = json;
        this.settings = settings;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.WEBHOOK;
    }

    @Override
    public void send(PendingDelivery delivery) {
        String secret = settings.channelsOf(delivery.agencyCode()).webhookSecret();
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("No webhook secret configured for agency " + delivery.agencyCode());
        }
        byte[] body = json.writeValueAsBytes(delivery.message());
        http.post().uri(URI.create(delivery.destination()))
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSignature.IDEMPOTENCY_KEY_HEADER, delivery.notificationId())
                .header(WebhookSignature.HEADER, WebhookSignature.of(body, secret))
                .body(body)
                .retrieve()
                // the default handler passes a redirect as success (HttpURLConnection does not follow one for a POST),
                // and its 4xx and 5xx errors quote the answer's body
                .onStatus(status -> !status.is2xxSuccessful(), (request, response) -> {
                    throw new IllegalStateException("Agency system answered " + response.getStatusCode().value()
                            + ", not 2xx: not delivered");
                })
                .toBodilessEntity();
    }

    @Override
    public String circuitOf(PendingDelivery delivery) {
        URI uri = URI.create(delivery.destination());
        return "webhook:" + uri.getHost() + ":" + uri.getPort();
    }
}
