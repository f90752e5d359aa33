package uk.gov.service.notify;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;

/**
 * The Notify client with connect and read timeouts. The client sets none, so a Notify that stops answering would hold
 * the dispatcher (and the row lock of the message) for ever and no other referrer would be told; its only way in is
 * the package-private {@code getConnection}, hence this class's package.
 */
public final class TimedNotificationClient extends NotificationClient {

    private final int timeoutMillis;

    public TimedNotificationClient(String apiKey, String baseUrl, Duration timeout) {
        super(apiKey, baseUrl);
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    @Override
    HttpURLConnection getConnection(URL url) throws IOException {
        HttpURLConnection connection = super.getConnection(url);
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        return connection;
    }
}
