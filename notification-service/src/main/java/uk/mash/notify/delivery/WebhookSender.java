package uk.mash.notify.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.NotificationChannel;
import uk.mash.notify.NotifySettings;

/**
 * Posts the message as JSON to the agency system, signed with the agency's secret and carrying the notification id
 * as its idempotency key, so the agency system can drop a repeat. Any answer but 2xx counts as not delivered.
 */
@Component
class WebhookSender implements ChannelSender {

    private final JsonMapper json;
    private final NotifySettings settings;

    WebhookSender(JsonMapper json, NotifySettings settings) {
        this.json = json;
        this.settings = settings;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.WEBHOOK;
    }

    /**
     * The JDK's connection, not Spring's RestClient over it: Spring's sets a streaming mode, in which the request's
     * headers and its body leave as two writes, and the body then waits for the agency system to acknowledge the
     * headers (Nagle's algorithm against a delayed acknowledgement, up to 40 ms a call on a real network); the local
     * stack's agency took half as many calls a second as without it. Given the body whole, the connection sends it
     * with its headers in one write. The JDK's HttpClient starts threads for every request on Java 17 and two cores.
     */
    @Override
    public void send(PendingDelivery delivery) {
        String secret = settings.channelsOf(delivery.agencyCode()).webhookSecret();
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("No webhook secret configured for agency " + delivery.agencyCode());
        }
        byte[] body = json.writeValueAsBytes(delivery.message());
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(delivery.destination()).toURL()
                    .openConnection();
            int timeout = Math.toIntExact(settings.delivery().webhookTimeout().toMillis());
            connection.setConnectTimeout(timeout);
            connection.setReadTimeout(timeout);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty(WebhookSignature.IDEMPOTENCY_KEY_HEADER, delivery.notificationId());
            connection.setRequestProperty(WebhookSignature.HEADER, WebhookSignature.of(body, secret));
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            // read to its end, never kept (it may quote the message), so that the connection is kept for the next call
            try (InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (answer != null) {
                    answer.transferTo(OutputStream.nullOutputStream());
                }
            }
            // a redirect is not followed for a POST: the agency system never had the message
            if (status < 200 || status > 299) {
                throw new IllegalStateException("Agency system answered " + status + ", not 2xx: not delivered");
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String circuitOf(PendingDelivery delivery) {
        URI uri = URI.create(delivery.destination());
        return "webhook:" + uri.getHost() + ":" + uri.getPort();
    }
}
