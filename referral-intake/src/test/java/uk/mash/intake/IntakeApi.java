package uk.mash.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.core.env.Environment;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Calls intake's REST API over HTTP as an agency system or a MASH worker would. */
public final class IntakeApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Environment environment;

    /** The port is read on each call because the server picks it only once the context has started. */
    public IntakeApi(Environment environment) {
        this.environment = environment;
    }

    private URI base() {
        return URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port"));
    }

    /** The README's sample referral, from the school, with the given agency reference and any further changes. */
    public static String sampleReferral(String agencyReference, Consumer<ObjectNode> changes) {
        try {
            ObjectNode referral = (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "docs",
                    "sample-referral.json")));
            referral.put("agencyReference", agencyReference);
            ((ObjectNode) referral.get("referrer")).put("agencyCode", IntakeInfrastructure.SCHOOL_AGENCY);
            changes.accept(referral);
            return JSON.writeValueAsString(referral);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> post(String path, String json, String apiKey) {
        return send(HttpRequest.newBuilder(base().resolve(path))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> post(String path, String json, String apiKey, String idempotencyKey) {
        return send(HttpRequest.newBuilder(base().resolve(path))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", apiKey)
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> put(String path, String apiKey) {
        return send(HttpRequest.newBuilder(base().resolve(path))
                .header("X-Api-Key", apiKey)
                .PUT(HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> get(String path, String apiKey) {
        return send(HttpRequest.newBuilder(base().resolve(path)).header("X-Api-Key", apiKey).GET());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Each error of problem details as {@code "CODE at field"}, in the order given. */
    public static List<String> errors(HttpResponse<String> response) {
        return json(response).get("errors").valueStream()
                .map(error -> error.get("code").asString() + " at " + error.get("field").asString())
                .toList();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
