package uk.mash.localstack.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.mash.localstack.ReferralSubmissions.aReferral;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import uk.mash.events.ReferralReceived;
import uk.mash.events.SlaStatus;
import uk.mash.events.SlaStatusChanged;
import uk.mash.localstack.DemoClients;
import uk.mash.localstack.LocalStackExtension;
import uk.mash.localstack.PipelineDriver;
import uk.mash.localstack.PipelineService;

/**
 * With triage stopped, a received referral gets no outcome: on a clock moved past its at-risk time and then its
 * deadline, the SLA clock publishes one at-risk and one breach event (stage AWAITING_OUTCOME), once each across a
 * notifier restart, and operations see it listed until the referrer is told.
 */
class SlaClockEndToEndTest {

    private static final Duration GENEROUS = Duration.ofSeconds(90);
    private static final MovableClock CLOCK = new MovableClock();
    private static final List<String> QUICK_SWEEPS = List.of("--referrals.notify.sla.sweep-interval=200ms");

    @RegisterExtension
    static final LocalStackExtension running = new LocalStackExtension();

    private static PipelineDriver driver() {
        return running.driver();
    }

    @Test
    void referralStuckBeforeTriageIsAtRiskThenBreachedOnceEach() {
        running.stack().stopService(PipelineService.MASH_TRIAGE);
        ApplicationContextInitializer<ConfigurableApplicationContext> movableClock = context -> context
                .getBeanFactory().registerSingleton("clock", CLOCK);
        running.restart(PipelineService.NOTIFICATION_SERVICE, QUICK_SWEEPS, movableClock);
        driver().publish(aReferral().from(DemoClients.POLICE).withAgencyReference("STUCK-1").build());
        UUID referralId = await().atMost(GENEROUS).until(() -> driver().<ReferralReceived>readAllValues(
                "referrals.received.v1").stream()
                .filter(received -> received.getReferral().getAgencyReference().equals("STUCK-1"))
                .map(ReferralReceived::getReferralId)
                .findFirst(), Optional::isPresent).orElseThrow();
        Instant atRisk = await().atMost(GENEROUS).until(() -> clockTime("at_risk_at", referralId), t -> t != null);
        Instant deadline = clockTime("deadline", referralId);

        CLOCK.moveTo(atRisk.plusSeconds(1));
        SlaStatusChanged atRiskEvent = await().atMost(GENEROUS)
                .until(() -> slaEvents(referralId, SlaStatus.AT_RISK), events -> !events.isEmpty()).get(0);
        JsonNode listed = openReferral(referralId);

        CLOCK.moveTo(deadline.plusSeconds(1));
        SlaStatusChanged breachEvent = await().atMost(GENEROUS)
                .until(() -> slaEvents(referralId, SlaStatus.BREACHED), events -> !events.isEmpty()).get(0);
        running.restart(PipelineService.NOTIFICATION_SERVICE, QUICK_SWEEPS, movableClock);
        await().atMost(GENEROUS).until(() -> driver().metrics(PipelineService.NOTIFICATION_SERVICE)
                .lines().anyMatch(line -> line.startsWith("referrals_sla_open{")
                        && line.contains("status=\"BREACHED\"") && !line.endsWith(" 0.0")));

        assertThat(atRiskEvent.getStage()).isEqualTo("AWAITING_OUTCOME");
        assertThat(atRiskEvent.getDeadline()).isEqualTo(deadline);
        assertThat(breachEvent.getStage()).isEqualTo("AWAITING_OUTCOME");
        assertThat(listed.get("status").asText()).isEqualTo("AT_RISK");
        assertThat(listed.get("stage").asText()).isEqualTo("AWAITING_OUTCOME");
        assertThat(listed.properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("referralId", "status", "stage", "receivedAt", "atRiskFrom", "deadline");
        assertThat(openReferral(referralId).get("status").asText()).isEqualTo("BREACHED");
        assertThat(slaEvents(referralId, SlaStatus.AT_RISK)).as("one at-risk event").hasSize(1);
        assertThat(slaEvents(referralId, SlaStatus.BREACHED)).as("one breach event").hasSize(1);
        assertThat(openReferralsAs(DemoClients.POLICE).statusCode())
                .as("an agency may not see the operations list").isEqualTo(403);

        running.stack().startService(PipelineService.MASH_TRIAGE);
        await().atMost(GENEROUS).until(() -> openReferralOrNull(referralId) == null);
    }

    private static Instant clockTime(String column, UUID referralId) {
        List<String> millis = driver().query("select (extract(epoch from " + column + ") * 1000)::bigint "
                + "from notify.sla_clock where referral_id = ?", referralId);
        return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis.get(0)));
    }

    private static List<SlaStatusChanged> slaEvents(UUID referralId, SlaStatus status) {
        return driver().<SlaStatusChanged>readAllValues("sla.events.v1").stream()
                .filter(event -> event.getReferralId().equals(referralId) && event.getStatus() == status)
                .toList();
    }

    private static JsonNode openReferral(UUID referralId) {
        JsonNode found = openReferralOrNull(referralId);
        assertThat(found).as("listed for operations").isNotNull();
        return found;
    }

    private static HttpResponse<String> openReferralsAs(DemoClients client) {
        return driver().get(PipelineService.NOTIFICATION_SERVICE, "/api/v1/sla/open-referrals", client.apiKey());
    }

    private static JsonNode openReferralOrNull(UUID referralId) {
        HttpResponse<String> response = openReferralsAs(DemoClients.OPERATIONS);
        assertThat(response.statusCode()).isEqualTo(200);
        for (JsonNode open : PipelineDriver.json(response)) {
            if (open.get("referralId").asText().equals(referralId.toString())) {
                return open;
            }
        }
        return null;
    }
}
