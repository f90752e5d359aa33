package uk.mash.harness.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import uk.mash.harness.load.ConstantRateSchedule;
import uk.mash.harness.load.LatencySummary;
import uk.mash.harness.pipeline.DrainWatch;
import uk.mash.harness.pipeline.OpenLoopRun;
import uk.mash.harness.pipeline.PipelineObserver;

/**
 * The REST way in at a modest constant rate: how long intake takes to answer {@code 202 Accepted} (the referral is
 * then durable), and how long from the request to the referrer's notification.
 */
public final class RestRun {

    /**
     * @param perSecond the constant request rate
     * @param sent requests made
     * @param accepted agency references of the requests answered 202
     * @param refusals other answers by status
     * @param response request to answer
     * @param toNotification request to the referrer's notification, for referrals whose outcome stands
     */
    public record Result(double perSecond, long sent, List<String> accepted, Map<String, Long> refusals,
            LatencySummary response, LatencySummary toNotification) {
    }

    private final PipelineObserver observer;
    private final DrainWatch watch;

    public RestRun(PipelineObserver observer, DrainWatch watch) {
        this.observer = observer;
        this.watch = watch;
    }

    /**
     * @param intake base URL of referral-intake
     * @param apiKey an agency's API key; every body must be for that agency
     * @param bodies agency reference and JSON body of each request
     */
    public Result run(URI intake, String apiKey, double perSecond, List<Map.Entry<String, String>> bodies) {
        long before = observer.completed();
        RestSubmitter.Result submitted = new RestSubmitter(intake, apiKey)
                .submit(bodies, ConstantRateSchedule.startingNow(perSecond));
        watch.await("REST", before, submitted.accepted().size());
        LatencySummary toNotification = new OpenLoopRun(observer, watch).latencies(submitted.accepted());
        return new Result(perSecond, bodies.size(), List.copyOf(submitted.accepted().keySet()),
                submitted.refusals(), submitted.response(), toNotification);
    }
}
