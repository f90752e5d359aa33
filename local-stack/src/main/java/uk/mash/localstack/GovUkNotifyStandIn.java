package uk.mash.localstack;

import static uk.mash.localstack.AgencyInbox.answerJson;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of the GOV.UK Notify API the notifier calls, for the local stack only: {@code POST
 * /v2/notifications/email}, checking the bearer token as Notify does (an HS256 JWT signed with the API key's secret,
 * issued by the service, at most 30 seconds old), the template and its personalisation, and answering 201 with
 * Notify's body or Notify's error bodies. Nothing is sent anywhere. Like a mailbox that files by reference, it keeps
 * one email per {@code reference} (the notifier's idempotency key) and counts repeats; {@code GET /notify/emails}
 * lists them.
 */
public final class GovUkNotifyStandIn {

    public static final String SERVICE_ID = "2f6b7e9a-4c1d-4f0e-9b1a-6d3c5e7f8a90";
    /** The local stack's Notify API key: key name, service id, secret (local use only). */
    public static final String API_KEY = "local_stack-" + SERVICE_ID + "-8c1e2d3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    public static final String OUTCOME_TEMPLATE = "6a1f0d2e-0001-4b5c-9d8e-7f6a5b4c3d2e";
    public static final String SUPERSEDED_OUTCOME_TEMPLATE = "6a1f0d2e-0002-4b5c-9d8e-7f6a5b4c3d2e";
    public static final String REJECTION_TEMPLATE = "6a1f0d2e-0003-4b5c-9d8e-7f6a5b4c3d2e";
    public static final String RETURNED_FOR_CONSENT_TEMPLATE = "6a1f0d2e-0004-4b5c-9d8e-7f6a5b4c3d2e";

    private static final Set<String> TEMPLATES = Set.of(OUTCOME_TEMPLATE, SUPERSEDED_OUTCOME_TEMPLATE,
            REJECTION_TEMPLATE, RETURNED_FOR_CONSENT_TEMPLATE);
    /** What every local template uses, as the notifier's templates would. */
    private static final List<String> PLACEHOLDERS = List.of("agency_reference", "referral_reference", "decision",
            "message", "contact");
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, ReceivedNotifyEmail> emails = new LinkedHashMap<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private volatile int failureStatus;
    private URI baseUrl;

    /**
     * An email as Notify accepted it; {@code deliveries} counts the requests with its reference.
     *
     * @param notifyId the id Notify gave the first request with this reference
     */
    public record ReceivedNotifyEmail(String reference, String notifyId, String templateId, String emailAddress,
            Map<String, String> personalisation, int deliveries, Instant firstReceivedAt) {
    }

    GovUkNotifyStandIn() {
    }

    void serveOn(HttpServer http, URI baseUrl) {
        this.baseUrl = baseUrl;
        http.createContext("/v2/notifications/email", this::handle);
        http.createContext("/notify/emails", exchange -> answerJson(exchange, 200, emails()));
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public synchronized List<ReceivedNotifyEmail> emails() {
        return List.copyOf(emails.values());
    }

    /** The next {@code calls} emails are answered with {@code status} and Notify's error body for it. */
    public void failNextEmails(int calls, int status) {
        failureStatus = status;
        failuresToAnswer.set(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answerJson(exchange, 405, errors(405, "MethodNotAllowed", "Method not allowed"));
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            answerJson(exchange, 401, errors(401, "AuthError", "Unauthorized: authentication token must be provided"));
            return;
        }
        String tokenProblem = problemWithToken(authorization.substring("Bearer ".length()).trim());
        if (tokenProblem != null) {
            answerJson(exchange, 403, errors(403, "AuthError", tokenProblem));
            return;
        }
        if (failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answerJson(exchange, failureStatus, errors(failureStatus, failureStatus == 429 ? "RateLimitError"
                    : failureStatus >= 500 ? "Exception" : "BadRequestError", "Refused by the test"));
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        }
        catch (JacksonException e) {
            answerJson(exchange, 400, errors(400, "BadRequestError", "Invalid JSON supplied in POST data"));
            return;
        }
        String templateId = request.path("template_id").asText("");
        String emailAddress = request.path("email_address").asText("");
        if (!TEMPLATES.contains(templateId)) {
            answerJson(exchange, 400, errors(400, "BadRequestError", "Template not found"));
            return;
        }
        if (!emailAddress.contains("@")) {
            answerJson(exchange, 400, errors(400, "ValidationError", "email_address Not a valid email address"));
            return;
        }
        Map<String, String> personalisation = new LinkedHashMap<>();
        request.path("personalisation").properties()
                .forEach(entry -> personalisation.put(entry.getKey(), entry.getValue().asText()));
        List<String> missing = PLACEHOLDERS.stream().filter(key -> !personalisation.containsKey(key)).toList();
        if (!missing.isEmpty()) {
            answerJson(exchange, 400, errors(400, "BadRequestError", "Missing personalisation: "
                    + String.join(", ", missing)));
            return;
        }
        String reference = request.path("reference").isNull() ? null : request.path("reference").asText(null);
        ReceivedNotifyEmail kept = keep(new ReceivedNotifyEmail(reference, UUID.randomUUID().toString(), templateId,
                emailAddress, Map.copyOf(personalisation), 1, Instant.now()));
        answerJson(exchange, 201, created(kept));
    }

    private synchronized ReceivedNotifyEmail keep(ReceivedNotifyEmail email) {
        String key = email.reference() == null ? email.notifyId() : email.reference();
        return emails.merge(key, email, (first, repeat) -> new ReceivedNotifyEmail(first.reference(),
                first.notifyId(), first.templateId(), first.emailAddress(), first.personalisation(),
                first.deliveries() + 1, first.firstReceivedAt()));
    }

    private Map<String, Object> created(ReceivedNotifyEmail email) {
        Map<String, String> content = new LinkedHashMap<>();
        content.put("subject", "MASH referral " + email.personalisation().get("agency_reference") + ": "
                + email.personalisation().get("decision"));
        content.put("body", email.personalisation().get("message") + "\n\nWhom to contact: "
                + email.personalisation().get("contact"));
        content.put("from_email", "mash.local@notifications.service.gov.uk");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", email.notifyId());
        answer.put("reference", email.reference());
        answer.put("content", content);
        answer.put("uri", baseUrl + "/v2/notifications/" + email.notifyId());
        answer.put("template", Map.of("id", email.templateId(), "version", 1, "uri",
                baseUrl + "/services/" + SERVICE_ID + "/templates/" + email.templateId()));
        return answer;
    }

    /** Why Notify would refuse the token, or null if it is good. */
    static String problemWithToken(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return "Invalid token: not a JWT";
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return "Invalid token: algorithm used is not HS256";
            }
            if (!SERVICE_ID.equals(claims.path("iss").asText())) {
                return "Invalid token: service not found";
            }
            long issuedAt = claims.path("iat").asLong(-1);
            if (issuedAt < 0) {
                return "Invalid token: API token does not contain an issued at time";
            }
            if (Duration.between(Instant.ofEpochSecond(issuedAt), Instant.now()).abs().compareTo(TOKEN_LIFETIME) > 0) {
                return "Error: Your system clock must be accurate to within 30 seconds";
            }
            byte[] expected = signature(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                return "Invalid token: signature, api token not found";
            }
            return null;
        }
        catch (IllegalArgumentException | JacksonException e) {
            return "Invalid token: not a JWT";
        }
    }

    private static byte[] signature(String signed) {
        String secret = API_KEY.substring(API_KEY.length() - 36);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static Map<String, Object> errors(int status, String error, String message) {
        return Map.of("status_code", status, "errors", List.of(Map.of("error", error, "message", message)));
    }

    /** Settings that send the agency's emails through this stand-in. */
    List<String> notifierArguments(String agencyCode) {
        String prefix = "--referrals.notify.email.gov-uk-notify.";
        return List.of(
                "--referrals.notify.agencies[" + agencyCode + "].email-provider=gov-uk-notify",
                prefix + "api-key=" + API_KEY,
                prefix + "base-url=" + baseUrl,
                prefix + "templates.outcome=" + OUTCOME_TEMPLATE,
                prefix + "templates.superseded-outcome=" + SUPERSEDED_OUTCOME_TEMPLATE,
                prefix + "templates.rejection=" + REJECTION_TEMPLATE,
                prefix + "templates.returned-for-consent=" + RETURNED_FOR_CONSENT_TEMPLATE);
    }
}
