package uk.mash.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service that reads its request bodies strictly, as the router reads an allocation: a misnamed finding and a value
 * of the wrong kind are each refused naming the field, never quoting the value; read by a {@link StrictJsonBody}, as
 * triage reads a MASH worker's decision, every field at fault at once. With every service's shared settings
 * ({@code referrals-platform.yml}), a value of a list is read by its name only, a date and a whole number only as
 * written, and a property given twice is refused wherever it is read.
 */
@SpringBootTest(classes = UnreadableBodiesTest.DecidingService.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.import=classpath:referrals-platform.yml",
                "spring.application.name=unreadable-bodies-test",
                "spring.autoconfigure.exclude="
                + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
                + "uk.mash.platform.kafka.PlatformKafkaAutoConfiguration,"
                + "uk.mash.platform.audit.AuditAutoConfiguration,"
                + "uk.mash.platform.jdbc.DatabaseTransactionsAutoConfiguration",
                "spring.jackson.deserialization.fail-on-unknown-properties=true",
                "referrals.security.clients[0].name=mash-worker-1",
                "referrals.security.clients[0].roles[0]=MASH_WORKER" })
class UnreadableBodiesTest {

    private static final String KEY = "unreadable-bodies-test-key";

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void workerKey(DynamicPropertyRegistry properties) {
        properties.add("referrals.security.clients[0].key-sha256", () -> sha256(KEY));
    }

    @Test
    void aFindingUnderAnotherNameIsRefusedNamingItRatherThanDropped() throws Exception {
        HttpResponse<String> response = post("""
                {"decision": "CONFIRM", "reason": "Seen the family.", "immediate_risk": true}""");

        assertProblemDetails(response, 400);
        assertThat(response.body()).contains("\"code\":\"UNKNOWN_FIELD\"", "\"field\":\"immediate_risk\"");
    }

    @Test
    void aValueOfTheWrongKindIsRefusedNamingItsFieldWithoutQuotingIt() throws Exception {
        HttpResponse<String> response = post("""
                {"decision": "CONFIRM", "reason": "Seen the family.", "immediateRisk": "Alex Fairweather"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"UNREADABLE\"", "\"field\":\"immediateRisk\"")
                .doesNotContain("Fairweather");
    }

    static Stream<Arguments> valuesNotAsWritten() {
        return Stream.of(
                Arguments.argumentSet("an outcome by its place in the list", "outcome", "\"outcome\": 1"),
                Arguments.argumentSet("the same in quotes", "outcome", "\"outcome\": \"1\""),
                Arguments.argumentSet("a date as a number of days", "seenOn", "\"seenOn\": 20430"),
                Arguments.argumentSet("a whole number with a fraction", "outcomeVersion", "\"outcomeVersion\": 2.9"));
    }

    @ParameterizedTest
    @MethodSource("valuesNotAsWritten")
    void aValueNotAsTheContractWritesItIsRefusedNamingIt(String field, String property) throws Exception {
        HttpResponse<String> response = post("""
                {"decision": "OVERRIDE", "reason": "Seen the family.", %s}""".formatted(property));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"UNREADABLE\"", "\"field\":\"" + field + "\"");
    }

    @Test
    void anOutcomeByNameAndADateAsWrittenAreRead() throws Exception {
        HttpResponse<String> response = post("""
                {"decision": "OVERRIDE", "reason": "Seen the family.", "outcome": "SECTION_47_ENQUIRY",
                 "seenOn": "2026-12-07"}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("OVERRIDE SECTION_47_ENQUIRY 2026-12-07");
    }

    @Test
    void aBodyReadStrictlyHasEveryFieldAtFaultNamedInOneAnswer() throws Exception {
        HttpResponse<String> response = post("/review", """
                {"decision": "OVERRIDE", "outcome": 2, "immediate_risk": true, "seenOn": "07/12/2026",
                 "findings": [{"immediateRisk": "Alex Fairweather"}, {"seen": true}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JsonMapper.builder().build().readTree(response.body()).get("errors").valueStream()
                .map(error -> error.get("code").asString() + " at " + error.get("field").asString()))
                .containsExactly("UNKNOWN_FIELD at immediate_risk", "UNKNOWN_FIELD at findings[1].seen",
                        "UNREADABLE at outcome", "UNREADABLE at seenOn", "UNREADABLE at findings[0].immediateRisk");
        assertThat(response.body()).doesNotContain("Fairweather", "07/12/2026");
    }

    @Test
    void aPropertyGivenTwiceInABodyReadStrictlyIsRefusedNamingEachOneRatherThanTheLastTaken() throws Exception {
        HttpResponse<String> response = post("/review", """
                {"decision": "OVERRIDE", "decision": "CONFIRM", "unheard": 1,
                 "findings": [{"immediateRisk": true}, {"immediateRisk": true, "immediateRisk": false}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JsonMapper.builder().build().readTree(response.body()).get("errors").valueStream()
                .map(error -> error.get("code").asString() + " at " + error.get("field").asString()))
                .containsExactly("UNKNOWN_FIELD at unheard", "REPEATED_FIELD at decision",
                        "REPEATED_FIELD at findings[1].immediateRisk");
    }

    @Test
    void aBodyOfThousandsOfUnreadableValuesIsAnsweredNamingTheFirstFiftyRatherThanReadThousandsOfTimes()
            throws Exception {
        String findings = String.join(", ", Collections.nCopies(5_000, "\"seen\""));

        HttpResponse<String> response = post("/review", """
                {"decision": "OVERRIDE", "findings": [%s]}""".formatted(findings));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JsonMapper.builder().build().readTree(response.body()).get("errors").valueStream()
                .map(error -> error.get("field").asString()))
                .hasSize(StrictJsonBody.MOST_UNREADABLE_NAMED)
                .startsWith("findings[0]", "findings[1]").endsWith("findings[49]");
    }

    @Test
    void aBodyLargerThanAnyTheServiceTakesIsRefusedUnreadAsTooLarge() throws Exception {
        HttpResponse<String> response = post("/review", """
                {"decision": "%s"}""".formatted("x".repeat(StrictJsonBody.MOST_BYTES)));

        assertProblemDetails(response, 413);
        assertThat(response.body()).contains("\"code\":\"TOO_LARGE\"", "\"title\":\"Request too large\"");
    }

    @Test
    void aPropertyGivenTwiceInABodyBootReadsIsRefusedRatherThanTheLastTaken() throws Exception {
        HttpResponse<String> response = post("""
                {"decision": "CONFIRM", "reason": "Seen the family.",
                 "immediateRisk": true, "immediateRisk": false}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"UNREADABLE\"", "\"title\":\"Unreadable request\"");
    }

    @Test
    void anIdThatIsNotAUuidIsRefusedNamingItWithoutQuotingIt() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/decision/Alex-Fairweather")).header("X-Api-Key", KEY)
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertProblemDetails(response, 400);
        ObjectNode problem = (ObjectNode) JsonMapper.builder().build().readTree(response.body());
        assertThat(problem.remove("instance").asString()).as("the caller's own path, as RFC 9457 has it")
                .isEqualTo("/decision/Alex-Fairweather");
        assertThat(problem.toString()).contains("\"code\":\"UNREADABLE\"", "\"field\":\"decisionId\"")
                .doesNotContain("Fairweather");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAsProblemDetails() throws Exception {
        HttpResponse<String> response = post("decision=CONFIRM");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"UNREADABLE\"", "\"title\":\"Unreadable request\"");
    }

    private static void assertProblemDetails(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return post("/decision", body);
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class DecidingService {

        @RestController
        static class Decisions {

            @GetMapping("/decision/{decisionId}")
            String decision(@PathVariable UUID decisionId) {
                return decisionId.toString();
            }

            @PostMapping("/decision")
            String decide(@RequestBody Decision decision) {
                return decision.decision() + " " + decision.outcome() + " " + decision.seenOn();
            }

            @PostMapping("/review")
            String review(@RequestBody Review review) {
                return review.decision();
            }
        }

        @Bean
        StrictJsonBody<Review> reviews(JsonMapper json) {
            return new StrictJsonBody<>(json, Review.class);
        }

        record Review(String decision, Outcome outcome, LocalDate seenOn, List<Finding> findings) {
        }

        record Finding(Boolean immediateRisk) {
        }

        record Decision(String decision, String reason, Boolean immediateRisk, Outcome outcome, LocalDate seenOn,
                Integer outcomeVersion) {
        }

        enum Outcome {
            EARLY_HELP, SECTION_17_ASSESSMENT, SECTION_47_ENQUIRY
        }
    }
}
