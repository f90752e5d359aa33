package uk.mash.platform.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.config.types.Password;

/**
 * Where the schema registry is and how to talk to it. Read from the same Kafka client properties Confluent's
 * serializers use, so a service configures one set of keys whichever serde it runs.
 *
 * @param url the registry's base URL, e.g. {@code http://localhost:8081}
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer to one request
 * @param username basic-auth user, or {@code null} for none
 * @param password basic-auth password, or {@code null} for none
 */
public record SchemaRegistrySettings(URI url, Duration connectTimeout, Duration requestTimeout, String username,
        String password) {

    public static final String URL_CONFIG = "schema.registry.url";
    public static final String BASIC_AUTH_USER_INFO_CONFIG = "schema.registry.basic.auth.user.info";
    public static final String CONNECT_TIMEOUT_MS_CONFIG = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(5000);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMillis(10000);

    public SchemaRegistrySettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("Schema registry URL must be http or https: " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("Schema registry URL has no host: " + url);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("Schema registry timeouts must be positive");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("Schema registry basic auth needs both a user and a password");
        }
        url = withoutTrailingSlash(url);
    }

    /** Settings without basic auth and with the default timeouts. */
    public static SchemaRegistrySettings of(URI url) {
        return new SchemaRegistrySettings(url, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, null, null);
    }

    /**
     * Reads the {@code schema.registry.*} keys from Kafka client configs: {@value #URL_CONFIG} (required),
     * {@value #BASIC_AUTH_USER_INFO_CONFIG} ({@code user:password}, blank for none), {@value #CONNECT_TIMEOUT_MS_CONFIG}
     * (default 5000) and {@value #REQUEST_TIMEOUT_MS_CONFIG} (default 10000).
     */
    public static SchemaRegistrySettings fromConfig(Map<String, ?> kafkaConfigs) {
        Objects.requireNonNull(kafkaConfigs, "kafkaConfigs");
        URI url = url(kafkaConfigs.get(URL_CONFIG));
        Duration connectTimeout = millis(kafkaConfigs, CONNECT_TIMEOUT_MS_CONFIG, DEFAULT_CONNECT_TIMEOUT);
        Duration requestTimeout = millis(kafkaConfigs, REQUEST_TIMEOUT_MS_CONFIG, DEFAULT_REQUEST_TIMEOUT);
        String username = null;
        String password = null;
        String userInfo = secret(kafkaConfigs.get(BASIC_AUTH_USER_INFO_CONFIG));
        if (userInfo != null && !userInfo.isBlank()) {
            String text = userInfo.trim();
            int colon = text.indexOf(':');
            if (colon <= 0) {
                // the value is a credential, so it stays out of the message
                throw new IllegalArgumentException(BASIC_AUTH_USER_INFO_CONFIG + " must be of the form user:password");
            }
            username = text.substring(0, colon);
            password = text.substring(colon + 1);
        }
        return new SchemaRegistrySettings(url, connectTimeout, requestTimeout, username, password);
    }

    public boolean hasBasicAuth() {
        return username != null;
    }

    /** Keeps the password out of logs and exception messages. */
    @Override
    public String toString() {
        return "SchemaRegistrySettings[url=" + url + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", username=" + username + ", password=" + (password == null ? null : "****")
                + "]";
    }

    /** Kafka hands password-typed settings over wrapped, and the wrapper's toString hides the value. */
    private static String secret(Object value) {
        if (value instanceof Password password) {
            return password.value();
        }
        return value == null ? null : value.toString();
    }

    private static URI url(Object value) {
        if (value instanceof URI uri) {
            return uri;
        }
        if (value instanceof List<?> list && list.size() == 1) {
            return url(list.get(0));
        }
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException(URL_CONFIG + " is required: the schema registry's base URL");
        }
        String text = value.toString().trim();
        if (text.contains(",") || value instanceof List<?>) {
            // Confluent allows several URLs for fail-over; this client speaks to one, so say so rather than guess
            throw new IllegalArgumentException(URL_CONFIG + " must be a single URL, got: " + text);
        }
        try {
            return new URI(text);
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL_CONFIG + " is not a valid URL: " + text, e);
        }
    }

    private static Duration millis(Map<String, ?> configs, String key, Duration defaultValue) {
        Object value = configs.get(key);
        if (value == null || value.toString().isBlank()) {
            return defaultValue;
        }
        try {
            long millis = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().trim());
            return Duration.ofMillis(millis);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of milliseconds, got: " + value, e);
        }
    }

    private static URI withoutTrailingSlash(URI url) {
        String text = url.toString();
        if (!text.endsWith("/")) {
            return url;
        }
        return URI.create(text.replaceAll("/+$", ""));
    }
}
