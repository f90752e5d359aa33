package uk.mash.localstack.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.mash.events.OutcomeType.ALLOCATED_SOCIAL_WORKER;
import static uk.mash.events.OutcomeType.SECTION_47_ENQUIRY;
import static uk.mash.localstack.routing.TriageOutcomes.anOutcome;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import uk.mash.events.CaseRouted;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.localstack.DemoClients;
import uk.mash.localstack.LocalStackExtension;
import uk.mash.localstack.PipelineDriver;
import uk.mash.localstack.PipelineService;
import uk.mash.localstack.browser.HeadlessChromium;

/**
 * An outcome for a child's allocated social worker that arrives before the case is open is dead-lettered by the
 * router (no open case); once the case is open, an operator republishes it from the operations page in a real
 * headless Chromium, giving a reason, and it is routed to the allocated worker's team. Republishing again sends
 * nothing: each dead letter goes back once.
 */
class DeadLettersRepublishedFromTheOperationsPageEndToEndTest {

    private static final Duration ROUTED = Duration.ofSeconds(90);
    private static final String DEAD_LETTERS = "[data-topic='" + RouterDriver.UNROUTABLE + "']";

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @RegisterExtension
    static final LocalStackExtension running = new LocalStackExtension();

    @Test
    void anOperatorRepublishesAnOutcomeDeadLetteredBeforeItsCaseWasOpenAndItIsRoutedOnce() {
        TriageOutcomes beforeTheCaseIsOpen = anOutcome(ALLOCATED_SOCIAL_WORKER).forAllocatedWorker("Jo Social Worker");
        router().publish(beforeTheCaseIsOpen.build());
        TriageOutcomes protection = anOutcome(SECTION_47_ENQUIRY).aboutChild(beforeTheCaseIsOpen.childKey());
        router().publish(protection.build());
        await().atMost(ROUTED).until(() -> router().registryOf(protection.referralId()), open -> !open.isEmpty());

        signIn(DemoClients.OPERATIONS.apiKey());
        WebElement deadLetters = await().atMost(ROUTED).until(this::deadLettersOnThePage, Optional::isPresent).get();
        assertThat(deadLetters.getText()).contains("NO_OPEN_CASE (1)");
        assertThat(deadLetters.findElement(By.cssSelector(".dead-letter-records tbody")).getText())
                .as("each dead letter by its key, the referral id").contains(
                        beforeTheCaseIsOpen.referralId().toString(), "NO_OPEN_CASE", "partition");
        assertThat(router().casesOf(beforeTheCaseIsOpen.referralId(), "csc.allocated-worker.v1")).isEmpty();

        republish("");
        assertThat(browser().getTitle()).startsWith("Error: Pipeline health");
        assertThat(chromium.text(".govuk-error-summary")).contains("Enter why the dead letters can be republished now");
        assertThat(router().casesOf(beforeTheCaseIsOpen.referralId(), "csc.allocated-worker.v1"))
                .as("nothing republished without a reason").isEmpty();

        String reason = "Case opened by the section 47; the allocated worker's outcome can be routed now.";
        browser().manage().deleteCookieNamed("JSESSIONID");
        republish(reason);
        assertThat(chromium.currentPath()).as("the session had ended").isEqualTo("/operations/sign-in");
        assertThat(router().casesOf(beforeTheCaseIsOpen.referralId(), "csc.allocated-worker.v1"))
                .as("nothing republished by a form sent without a session").isEmpty();
        signIn(DemoClients.OPERATIONS.apiKey());
        WebElement offeredBack = browser().findElement(By.cssSelector(DEAD_LETTERS + " form textarea"));
        assertThat(offeredBack.getDomProperty("value")).isEqualTo(reason);
        chromium.clickThrough(browser().findElement(By.cssSelector(DEAD_LETTERS + " form button")));
        assertThat(chromium.text("#republished"))
                .contains("Republished from triage.outcomes.v1-dlt: 1 to triage.outcomes.v1.");
        assertThat(browser().findElements(By.cssSelector(DEAD_LETTERS))).as("none waiting now").isEmpty();

        List<CaseRouted> routed = await().atMost(ROUTED).until(
                () -> router().casesOf(beforeTheCaseIsOpen.referralId(), "csc.allocated-worker.v1"),
                cases -> !cases.isEmpty());
        assertThat(routed).singleElement().satisfies(
                routedCase -> assertThat(routedCase.getTeam()).isEqualTo("csc-child-protection-peterborough"));
        assertThat(republishedOutcomes(beforeTheCaseIsOpen)).singleElement().satisfies(
                record -> assertThat(PipelineDriver.header(record, "referrals_republished-by"))
                        .isEqualTo(DemoClients.OPERATIONS.clientName()));
        assertThat(running.driver().query("select actor || ': ' || reason from notify.audit_event "
                + "where action = 'DEAD_LETTERS_REPUBLISHED'")).singleElement().asString()
                .startsWith(DemoClients.OPERATIONS.clientName() + ": from triage.outcomes.v1-dlt: 1 to ")
                .endsWith("the allocated worker's outcome can be routed now.");
    }

    private Optional<WebElement> deadLettersOnThePage() {
        open("/operations");
        return browser().findElements(By.cssSelector(DEAD_LETTERS)).stream().findFirst();
    }

    private static void republish(String reason) {
        WebElement form = browser().findElement(By.cssSelector(DEAD_LETTERS + " form"));
        form.findElement(By.tagName("textarea")).sendKeys(reason);
        chromium.clickThrough(form.findElement(By.tagName("button")));
    }

    private static List<ConsumerRecord<String, TriageOutcomeIssued>> republishedOutcomes(TriageOutcomes outcome) {
        return running.driver().<TriageOutcomeIssued>readAll(RouterDriver.OUTCOMES).stream()
                .filter(record -> record.value().getReferralId().equals(outcome.referralId()))
                .filter(record -> PipelineDriver.header(record, "referrals_republished-by") != null)
                .toList();
    }

    private static void signIn(String key) {
        chromium.signIn(running.stack().serviceUrl(PipelineService.NOTIFICATION_SERVICE).resolve("/operations/sign-in"),
                "operationsKey", key);
    }

    private static void open(String path) {
        browser().get(running.stack().serviceUrl(PipelineService.NOTIFICATION_SERVICE).resolve(path).toString());
    }

    private static ChromeDriver browser() {
        return chromium.driver();
    }

    private static RouterDriver router() {
        return new RouterDriver(running);
    }
}
