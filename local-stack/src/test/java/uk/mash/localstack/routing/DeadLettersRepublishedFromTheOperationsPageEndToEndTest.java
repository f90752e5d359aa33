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
 * nothing: each dead letter goes back once. Another, whose case will never be open here, the operator dismisses with
 * a reason: it is no longer listed and is not republished with the first.
 */
class DeadLettersRepublishedFromTheOperationsPageEndToEndTest {

    private static final Duration ROUTED = Duration.ofSeconds(90);
    private static final String DEAD_LETTERS = "[data-topic='" + RouterDriver.UNROUTABLE + "']";
    private static final String REPUBLISH_FORM = DEAD_LETTERS + " form[action$='/operations/dead-letters']";

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @RegisterExtension
    static final LocalStackExtension running = new LocalStackExtension();

    @Test
    void anOperatorRepublishesAnOutcomeDeadLetteredBeforeItsCaseWasOpenAndItIsRoutedOnce() {
        TriageOutcomes beforeTheCaseIsOpen = anOutcome(ALLOCATED_SOCIAL_WORKER).forAllocatedWorker("Jo Social Worker");
        router().publish(beforeTheCaseIsOpen.build());
        TriageOutcomes dealtWithElsewhere = anOutcome(ALLOCATED_SOCIAL_WORKER).forAllocatedWorker("Sam Social Worker");
        router().publish(dealtWithElsewhere.build());
        TriageOutcomes protection = anOutcome(SECTION_47_ENQUIRY).aboutChild(beforeTheCaseIsOpen.childKey());
        router().publish(protection.build());
        await().atMost(ROUTED).until(() -> router().registryOf(protection.referralId()), open -> !open.isEmpty());

        signIn(DemoClients.OPERATIONS.apiKey());
        WebElement deadLetters = await().atMost(ROUTED).until(this::deadLettersOnThePage,
                found -> found.isPresent() && found.get().getText().contains("NO_OPEN_CASE (2)")).get();
        assertThat(deadLetters.findElement(By.cssSelector(".dead-letter-records tbody")).getText())
                .as("each dead letter by its key, the referral id").contains(
                        beforeTheCaseIsOpen.referralId().toString(), dealtWithElsewhere.referralId().toString(),
                        "NO_OPEN_CASE", "partition");
        assertThat(router().casesOf(beforeTheCaseIsOpen.referralId(), "csc.allocated-worker.v1")).isEmpty();

        dismiss(dealtWithElsewhere, "");
        assertThat(browser().getTitle()).startsWith("Error: Pipeline health");
        assertThat(chromium.text(".govuk-error-summary")).contains("Enter why this dead letter needs nothing more");
        String whyDismissed = "The worker's team was told by telephone; the outcome is recorded by hand.";
        browser().manage().deleteCookieNamed("JSESSIONID");
        dismiss(dealtWithElsewhere, whyDismissed);
        assertThat(chromium.currentPath()).as("the session had ended").isEqualTo("/operations/sign-in");
        signIn(DemoClients.OPERATIONS.apiKey());
        WebElement dismissal = recordOf(dealtWithElsewhere).findElement(By.tagName("form"));
        assertThat(dismissal.findElement(By.tagName("textarea")).getDomProperty("value")).as("offered back")
                .isEqualTo(whyDismissed);
        chromium.clickThrough(dismissal.findElement(By.tagName("button")));
        assertThat(chromium.text("#dismissed")).contains("Dismissed the dead letter at triage.outcomes.v1-dlt");
        assertThat(chromium.text(DEAD_LETTERS)).contains("NO_OPEN_CASE (1)")
                .doesNotContain(dealtWithElsewhere.referralId().toString());
        assertThat(running.driver().query("select actor || ': ' || reason from notify.audit_event "
                + "where action = 'DEAD_LETTER_DISMISSED'")).singleElement().asString()
                .startsWith(DemoClients.OPERATIONS.clientName() + ": triage.outcomes.v1-dlt partition ")
                .endsWith("; " + whyDismissed);

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
        WebElement offeredBack = browser().findElement(By.cssSelector(REPUBLISH_FORM + " textarea"));
        assertThat(offeredBack.getDomProperty("value")).isEqualTo(reason);
        chromium.clickThrough(browser().findElement(By.cssSelector(REPUBLISH_FORM + " button")));
        assertThat(chromium.text("#republished")).contains(
                "Republished from triage.outcomes.v1-dlt: 1 to triage.outcomes.v1 (1 dismissed, not sent).");
        assertThat(browser().findElements(By.cssSelector(DEAD_LETTERS))).as("none waiting now").isEmpty();

        List<CaseRouted> routed = await().atMost(ROUTED).until(
                () -> router().casesOf(beforeTheCaseIsOpen.referralId(), "csc.allocated-worker.v1"),
                cases -> !cases.isEmpty());
        assertThat(routed).singleElement().satisfies(
                routedCase -> assertThat(routedCase.getTeam()).isEqualTo("csc-child-protection-peterborough"));
        assertThat(republishedOutcomes(beforeTheCaseIsOpen)).singleElement().satisfies(
                record -> assertThat(PipelineDriver.header(record, "referrals_republished-by"))
                        .isEqualTo(DemoClients.OPERATIONS.clientName()));
        assertThat(republishedOutcomes(dealtWithElsewhere)).as("the dismissed one not sent").isEmpty();
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
        WebElement form = browser().findElement(By.cssSelector(REPUBLISH_FORM));
        form.findElement(By.tagName("textarea")).sendKeys(reason);
        chromium.clickThrough(form.findElement(By.tagName("button")));
    }

    /** Opens the dead letter's "Dismiss" and sends its form with the reason. */
    private static void dismiss(TriageOutcomes outcome, String reason) {
        WebElement record = recordOf(outcome);
        WebElement details = record.findElement(By.tagName("details"));
        if (details.getDomAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
        WebElement form = record.findElement(By.tagName("form"));
        form.findElement(By.tagName("textarea")).sendKeys(reason);
        chromium.clickThrough(form.findElement(By.tagName("button")));
    }

    private static WebElement recordOf(TriageOutcomes outcome) {
        return browser().findElements(By.cssSelector(DEAD_LETTERS + " .dead-letter-records tbody tr")).stream()
                .filter(row -> row.getText().contains(outcome.referralId().toString())).findFirst().orElseThrow();
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
