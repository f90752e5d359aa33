package uk.mash.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.notify.delivery.WebhookSignature;
import uk.mash.platform.embedded.http.PromptHttpServers;

/**
 * What the agencies of the local stack receive from the notifier: a webhook endpoint standing in for an agency system,
 * a mail server standing in for agency mailboxes and a GOV.UK Notify stand-in, all listing what arrived over HTTP
 * ({@code GET /webhooks}, {@code GET /emails}, {@code GET /notify/emails}). Like a careful agency system, the inbox
 * keeps one message per idempotency key (webhook {@code Idempotency-Key}, email Message-ID, Notify
 * {@code reference}) and counts repeats, so a referrer sees each notification once.
 */
public final class AgencyInbox implements AutoCloseable {

    public static final int DEFAULT_HTTP_PORT = 8086;
    public static final int DEFAULT_SMTP_PORT = 2525;
    /** The secret the local stack's agency systems share with the notifier (local use only). */
    public static final String WEBHOOK_SECRET = "local-webhook-secret";

    /**
     * Agency systems that publish on referrals.submitted.v1 and read referrer.notifications.v1, with no email or
     * webhook: the hospital and the housing provider of the load harness's referrals.
     */
    public static final List<String> AGENCY_SYSTEMS_READING_NOTIFICATIONS = List.of("HEALTH-0001", "HOUSING-0001");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer http;
    private final SmtpStandIn smtp;
    private final GovUkNotifyStandIn govUkNotify = new GovUkNotifyStandIn();
    private final Map<String, ReceivedWebhook> webhooks = new LinkedHashMap<>();
    private final Map<String, ReceivedEmail> emails = new LinkedHashMap<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();

    /** A webhook call as the agency system kept it; {@code deliveries} counts the calls with its idempotency key. */
    public record ReceivedWebhook(String idempotencyKey, String agencyCode, boolean signatureValid, String body,
            int deliveries, Instant firstReceivedAt) {
    }

    /** An email as the mailbox kept it; {@code deliveries} counts the copies with its Message-ID. */
    public record ReceivedEmail(String messageId, String idempotencyKey, List<String> to, String subject, String body,
            int deliveries, Instant firstReceivedAt) {
    }

    private AgencyInbox(int httpPort, int smtpPort) {
        try {
            http = PromptHttpServers.create(new InetSocketAddress("127.0.0.1", httpPort));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + httpPort, e);
        }
        http.createContext("/webhooks", this::handle);
        http.createContext("/emails", exchange -> answerJson(exchange, 200, emails()));
        govUkNotify.serveOn(http, URI.create("http://localhost:" + http.getAddress().getPort()));
        http.start();
        smtp = SmtpStandIn.start(smtpPort, this::receivedEmail);
    }

    public static AgencyInbox start(int httpPort, int smtpPort) {
        return new AgencyInbox(httpPort, smtpPort);
    }

    public URI url() {
        return URI.create("http://localhost:" + http.getAddress().getPort());
    }

    public int smtpPort() {
        return smtp.port();
    }

    /** The GOV.UK Notify stand-in, served on {@link #url()}. */
    public GovUkNotifyStandIn govUkNotify() {
        return govUkNotify;
    }

    public synchronized List<ReceivedWebhook> webhooks() {
        return List.copyOf(webhooks.values());
    }

    public synchronized List<ReceivedEmail> emails() {
        return List.copyOf(emails.values());
    }

    /** The next {@code calls} webhook calls are answered 503, as an agency system that is down would. */
    public void failNextWebhookCalls(int calls) {
        failuresToAnswer.set(calls);
    }

    /**
     * Settings that register the demo agencies: the school is emailed through GOV.UK Notify (the stand-in); the
     * police are emailed over SMTP and called on their webhook, so both email services are seen at work; the hospital
     * and the housing provider are agency systems that read referrer.notifications.v1. A referrer from any other agency
     * is emailed at the address they gave, over SMTP.
     */
    List<String> notifierArguments() {
        String school = "--referrals.notify.agencies[" + DemoClients.SCHOOL.agencyCode() + "].";
        String police = "--referrals.notify.agencies[" + DemoClients.POLICE.agencyCode() + "].";
        Stream<String> readingNotifications = AGENCY_SYSTEMS_READING_NOTIFICATIONS.stream()
                .map(code -> "--referrals.notify.agencies[" + code + "].reads-notifications=true");
        return Stream.of(Stream.of(
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort(),
                "--referrals.notify.delivery.email-from=mash-notifications@peterborough-mash.example",
                school + "email=designated-safeguarding-lead@school.example",
                police + "email=mash-liaison@police.example",
                police + "webhook-url=" + url() + "/webhooks/" + DemoClients.POLICE.agencyCode(),
                police + "webhook-secret=" + WEBHOOK_SECRET),
                readingNotifications,
                govUkNotify.notifierArguments(DemoClients.SCHOOL.agencyCode()).stream())
                .flatMap(arguments -> arguments).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            answerJson(exchange, 200, webhooks());
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answerJson(exchange, 503, Map.of("title", "agency system unavailable"));
            return;
        }
        String key = exchange.getRequestHeaders().getFirst(WebhookSignature.IDEMPOTENCY_KEY_HEADER);
        if (key == null) {
            answerJson(exchange, 400, Map.of("title", "Idempotency-Key header missing"));
            return;
        }
        String signature = String.valueOf(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER));
        boolean valid = MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
                WebhookSignature.of(body, WEBHOOK_SECRET).getBytes(StandardCharsets.UTF_8));
        String path = exchange.getRequestURI().getPath();
        String agency = path.substring(path.lastIndexOf('/') + 1);
        synchronized (this) {
            webhooks.merge(key, new ReceivedWebhook(key, agency, valid, new String(body, StandardCharsets.UTF_8), 1,
                    Instant.now()), (first, repeat) -> new ReceivedWebhook(first.idempotencyKey(), first.agencyCode(),
                            first.signatureValid(), first.body(), first.deliveries() + 1, first.firstReceivedAt()));
        }
        answerJson(exchange, valid ? 200 : 401, Map.of("idempotencyKey", key));
    }

    private synchronized void receivedEmail(ReceivedEmail email) {
        emails.merge(email.messageId(), email, (first, repeat) -> new ReceivedEmail(first.messageId(),
                first.idempotencyKey(), first.to(), first.subject(), first.body(), first.deliveries() + 1,
                first.firstReceivedAt()));
    }

    /** Answers with {@code value} as JSON; the Notify stand-in answers the same way. */
    static void answerJson(HttpExchange exchange, int status, Object value) throws IOException {
        byte[] json = JSON.writeValueAsBytes(value);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (var out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        smtp.close();
    }
}
