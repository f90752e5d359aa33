package uk.mash.localstack.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.mash.localstack.ReferralSubmissions.CHILD_ADDRESS_LINE;
import static uk.mash.localstack.ReferralSubmissions.CHILD_FAMILY_NAME;
import static uk.mash.localstack.ReferralSubmissions.CHILD_NHS_NUMBER;
import static uk.mash.localstack.ReferralSubmissions.CHILD_POSTCODE;
import static uk.mash.localstack.ReferralSubmissions.aReferral;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import uk.mash.events.ReferralReceived;
import uk.mash.localstack.DemoClients;
import uk.mash.localstack.LocalStackExtension;
import uk.mash.localstack.PipelineService;
import uk.mash.localstack.browser.HeadlessChromium;

/**
 * The operations page in a real headless Chromium against the whole pipeline: with triage stopped, a received
 * referral waits on {@code referrals.received.v1}; on a clock moved to its at-risk time, an operator signed in with
 * their key sees MASH triage behind, the partition it lags on, and the referral at risk of its deadline, by id only;
 * the same lag is in the notifier's Prometheus metrics. Once triage is back, the page shows it caught up and the
 * referral gone from the list. Keys without the operations role, and API key headers, open nothing.
 */
class OperationsPageEndToEndTest {

    private static final Duration GENEROUS = Duration.ofSeconds(90);
    private static final MovableClock CLOCK = new MovableClock();
    private static final List<String> QUICK_READINGS = List.of("--referrals.notify.sla.sweep-interval=200ms",
            "--referrals.operations.lag-interval=300ms");

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @RegisterExtension
    static final LocalStackExtension running = new LocalStackExtension();

    @Test
    void anOperatorSeesTriageBehindAndAReferralAtRiskThenBothCleared() {
        running.stack().stopService(PipelineService.MASH_TRIAGE);
        ApplicationContextInitializer<ConfigurableApplicationContext> movableClock = context -> context
                .getBeanFactory().registerSingleton("clock", CLOCK);
        running.restart(PipelineService.NOTIFICATION_SERVICE, QUICK_READINGS, movableClock);
        running.driver().publish(aReferral().from(DemoClients.POLICE).withAgencyReference("OPS-STUCK-1").build());
        UUID referralId = await().atMost(GENEROUS).until(() -> running.driver().<ReferralReceived>readAllValues(
                "referrals.received.v1").stream()
                .filter(received -> received.getReferral().getAgencyReference().equals("OPS-STUCK-1"))
                .map(ReferralReceived::getReferralId)
                .findFirst(), Optional::isPresent).orElseThrow();
        Instant atRisk = await().atMost(GENEROUS).until(() -> atRiskAt(referralId), time -> time != null);
        CLOCK.moveTo(atRisk.plusSeconds(1));

        signIn(DemoClients.OPERATIONS.apiKey());
        assertThat(browser().getTitle()).startsWith("Pipeline health");
        await().atMost(GENEROUS).until(() -> reloaded() && statusOf("mash-triage").equals("Behind")
                && referralRow(referralId).isPresent());

        assertThat(chromium.text("tr[data-group='mash-triage']")).contains("hours");
        assertThat(browser().findElements(By.cssSelector("#lagging-partitions tbody tr"))).map(WebElement::getText)
                .anySatisfy(row -> assertThat(row).startsWith("mash-triage referrals.received.v1"));
        assertThat(referralRow(referralId).orElseThrow().getText())
                .contains("At risk", "Waiting for the MASH outcome");
        assertThat(chromium.text("main")).doesNotContain(CHILD_FAMILY_NAME, CHILD_NHS_NUMBER, CHILD_ADDRESS_LINE,
                CHILD_POSTCODE);
        assertThat(viewsAudited()).as("every look at the page, under the operator's name")
                .isNotEmpty().containsOnly(DemoClients.OPERATIONS.clientName());
        assertThat(lagMetric("referrals_consumer_lag_records")).as("records waiting for triage").isPositive();
        assertThat(lagMetric("referrals_consumer_lag_age_seconds")).as("moved to the referral's at-risk time")
                .isGreaterThan(3_600);

        running.stack().startService(PipelineService.MASH_TRIAGE);
        await().atMost(GENEROUS).until(() -> reloaded() && statusOf("mash-triage").equals("Up to date")
                && !browser().findElements(By.id("sla-clear")).isEmpty());
        assertThat(lagMetric("referrals_consumer_lag_records")).isZero();
    }

    @Test
    void onlyAKeyWithTheOperationsRoleSignsInAndAnApiKeyHeaderOpensNothing() {
        open("/operations/assets/govuk-frontend.min.css");
        assertThat(chromium.statusOfCurrentPage()).as("GOV.UK Frontend styles the sign-in page").isEqualTo(200);
        for (DemoClients other : List.of(DemoClients.MASH_WORKER, DemoClients.POLICE)) {
            signIn(other.apiKey());
            assertThat(chromium.currentPath()).isEqualTo("/operations/sign-in");
            assertThat(browser().getTitle()).startsWith("Error:");
            assertThat(chromium.text(".govuk-error-summary")).contains("Enter a valid operations key");
        }

        chromium.sendOnEveryRequest(Map.of("X-Api-Key", DemoClients.OPERATIONS.apiKey()));
        open("/operations");
        assertThat(chromium.currentPath()).as("a browser session, not an API key").isEqualTo("/operations/sign-in");
        chromium.sendOnEveryRequest(Map.of());

        signIn(DemoClients.OPERATIONS.apiKey());
        assertThat(browser().getTitle()).startsWith("Pipeline health");
        chromium.clickThrough(browser().findElement(By.cssSelector("form[action*='sign-out'] button")));
        assertThat(chromium.text("main")).contains("You have signed out");
        open("/operations");
        assertThat(chromium.currentPath()).isEqualTo("/operations/sign-in");
    }

    private static void signIn(String key) {
        chromium.signIn(running.stack().serviceUrl(PipelineService.NOTIFICATION_SERVICE).resolve("/operations/sign-in"),
                "operationsKey", key);
    }

    private static boolean reloaded() {
        chromium.clickThrough(browser().findElement(By.cssSelector(".govuk-header__service-name")));
        return true;
    }

    private static String statusOf(String group) {
        return chromium.text("tr[data-group='" + group + "'] .govuk-tag");
    }

    private static Optional<WebElement> referralRow(UUID referralId) {
        return browser().findElements(By.cssSelector("#sla tr[data-referral-id='" + referralId + "']")).stream()
                .findFirst();
    }

    private static void open(String path) {
        browser().get(running.stack().serviceUrl(PipelineService.NOTIFICATION_SERVICE).resolve(path).toString());
    }

    private static ChromeDriver browser() {
        return chromium.driver();
    }

    private static Instant atRiskAt(UUID referralId) {
        List<String> millis = running.driver().query("select (extract(epoch from at_risk_at) * 1000)::bigint "
                + "from notify.sla_clock where referral_id = ?", referralId);
        return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis.get(0)));
    }

    private static List<String> viewsAudited() {
        return running.driver().query("select actor from notify.audit_event where action = 'OPERATIONS_PAGE_VIEWED'");
    }

    /** The notifier's gauge for MASH triage's group on the received topic, summed over its partitions. */
    private static double lagMetric(String name) {
        return running.driver().metrics(PipelineService.NOTIFICATION_SERVICE).lines()
                .filter(line -> line.startsWith(name + "{") && line.contains("group=\"mash-triage\"")
                        && line.contains("topic=\"referrals.received.v1\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
