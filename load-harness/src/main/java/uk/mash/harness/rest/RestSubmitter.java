package uk.mash.harness.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.ConcurrentHistogram;

import uk.mash.harness.load.ConstantRateSchedule;
import uk.mash.harness.load.LatencySummary;

/**
 * Agency systems submitting over REST ({@code POST /api/v1/referrals}) at a constant rate, open loop: each request
 * goes when it is due, whether or not earlier ones have been answered, and its latency counts from then.
 */
public final class RestSubmitter {

    /**
     * @param accepted agency references answered 202, with the intended time of their request
     * @param refusals answers other than 202, by status (or "error" for a failed request)
     * @param response latency from the intended request time to the answer
     */
    public record Result(Map<String, Long> accepted, Map<String, Long> refusals, LatencySummary response) {
    }

    private final URI referrals;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public RestSubmitter(URI intake, String apiKey) {
        this.referrals = intake.resolve("/api/v1/referrals");
        this.apiKey = apiKey;
    }

    /**
     * @param bodies agency reference and JSON body of each request, in order
     * @param schedule when each request is due
     */
    public Result submit(List<Map.Entry<String, String>> bodies, ConstantRateSchedule schedule) {
        ConcurrentHistogram response = LatencySummary.newConcurrentHistogram();
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        Map<String, Long> refusals = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            Map.Entry<String, String> body = bodies.get(i);
            long intended = schedule.awaitSend(i);
            HttpRequest request = HttpRequest.newBuilder(referrals)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-Api-Key", apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body.getValue()))
                    .build();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((answer, e) -> {
                        LatencySummary.record(response, System.nanoTime() - intended);
                        if (e == null && answer.statusCode() == 202) {
                            accepted.put(body.getKey(), intended);
                        }
                        else {
                            refusals.merge(e == null ? String.valueOf(answer.statusCode()) : "error", 1L, Long::sum);
                        }
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        return new Result(Map.copyOf(accepted), Map.copyOf(refusals), LatencySummary.of(response));
    }
}
