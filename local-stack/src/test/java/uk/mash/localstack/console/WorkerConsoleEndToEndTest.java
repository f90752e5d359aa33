package uk.mash.localstack.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.mash.localstack.ReferralSubmissions.CHILD_ADDRESS_LINE;
import static uk.mash.localstack.ReferralSubmissions.CHILD_GIVEN_NAMES;
import static uk.mash.localstack.ReferralSubmissions.CHILD_POSTCODE;
import static uk.mash.localstack.ReferralSubmissions.CHILD_SCHOOL;
import static uk.mash.localstack.ReferralSubmissions.aReferral;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

import uk.mash.events.DeciderKind;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.localstack.DemoClients;
import uk.mash.localstack.LocalStackExtension;
import uk.mash.localstack.PipelineService;
import uk.mash.localstack.ReferralSubmissions;
import uk.mash.localstack.browser.HeadlessChromium;

/**
 * The MASH worker console in a real headless Chromium against the whole pipeline over a real Kafka broker, PostgreSQL
 * and the schema registry: a worker signs in with their key, finds the task a real referral raised, opens it
 * (audited), is told what is wrong with an incomplete override, and overrides the recommendation, which is issued as
 * the next confirmed outcome. Other keys, forged forms and signed-out browsers get nothing.
 */
class WorkerConsoleEndToEndTest {

    private static final Duration PIPELINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium();

    @RegisterExtension
    static final LocalStackExtension running = new LocalStackExtension();

    @Test
    void aMashWorkerOverridesARecommendationFromTheConsoleAndItIsIssuedAsTheNextConfirmedVersion() {
        ReferralSubmissions referral = aReferralAboutANewChild("CHILD_RISK_TO_OTHERS");
        UUID referralId = submitAndAwaitTriage(referral);

        signIn(DemoClients.MASH_WORKER.apiKey());
        assertThat(browser().getTitle()).startsWith("Open tasks");
        WebElement row = await().atMost(PIPELINE).until(() -> rowInOpenTasks(referralId), Optional::isPresent).get();
        assertThat(row.getText()).contains("Confirm the recommendation", "Section 17 assessment", "Level 3")
                .doesNotContain(CHILD_GIVEN_NAMES, CHILD_ADDRESS_LINE, CHILD_POSTCODE);

        chromium.clickThrough(row.findElement(By.tagName("a")));
        String taskPath = chromium.currentPath();
        assertThat(browser().getTitle()).startsWith("Decide on a referral");
        assertThat(chromium.text("#recommendation")).contains("Section 17 assessment (child in need)");
        assertThat(chromium.text("#reasons")).contains("level-3-section-17", "seed 003");
        assertThat(chromium.text("#referral")).contains(referral.agencyReference(), CHILD_SCHOOL,
                "The child has hurt younger children");
        assertThat(auditOf(referralId, "TASK_OPENED")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(DemoClients.MASH_WORKER.clientName());
            assertThat(entry.reason()).startsWith("opened task for decision");
        });

        browser().findElement(By.id("decision-override")).click();
        submit();
        assertThat(browser().getTitle()).startsWith("Error:");
        assertThat(browser().findElements(By.cssSelector(".govuk-error-summary__list a")))
                .extracting(a -> a.getDomAttribute("href")).containsExactly("#outcome", "#reason");
        assertThat(chromium.text(".govuk-error-summary")).contains(
                "Select the outcome you decide instead of the recommendation", "Enter the reason for your decision");
        assertThat(browser().findElement(By.id("decision-override")).isSelected())
                .as("what the worker chose is kept").isTrue();

        // the worker also has the task open in another tab, and will send the same decision from there
        String firstTab = browser().getWindowHandle();
        String secondTab = browser().switchTo().newWindow(WindowType.TAB).getWindowHandle();
        open(taskPath);
        browser().switchTo().window(firstTab);

        overrideWithEarlyHelpAtLevel2();
        submit();

        assertThat(chromium.text(".govuk-panel")).contains("Recommendation overridden", "Early Help", "Level 2",
                "Outcome version 2");
        TriageOutcomeIssued superseding = await().atMost(PIPELINE).until(() -> outcomesOf(referral.agencyReference()),
                outcomes -> outcomes.size() == 2).get(1);
        assertThat(superseding.getOutcomeVersion()).isEqualTo(2);
        assertThat(superseding.getOutcome()).isEqualTo(OutcomeType.EARLY_HELP);
        assertThat(superseding.getLevelOfNeed()).isEqualTo(LevelOfNeed.LEVEL_2);
        assertThat(superseding.getStatus()).isEqualTo(OutcomeStatus.CONFIRMED);
        assertThat(superseding.getDecidedBy().getKind()).isEqualTo(DeciderKind.WORKER);
        assertThat(superseding.getDecidedBy().getWorkerId()).isEqualTo(DemoClients.MASH_WORKER.clientName());
        assertThat(superseding.getReasons().get(0).getExplanation()).contains("Early Help is proportionate");
        assertThat(auditOf(referralId, "OUTCOME_OVERRIDDEN")).hasSize(1);

        browser().switchTo().window(secondTab);
        overrideWithEarlyHelpAtLevel2();
        submit();
        assertThat(chromium.statusOfCurrentPage()).as("a task is decided once").isEqualTo(409);
        assertThat(browser().getTitle()).startsWith("Task not open");

        browser().switchTo().window(firstTab);
        chromium.clickThrough(browser().findElement(By.linkText("Back to open tasks")));
        assertThat(rowOf(referralId)).as("a decided task leaves the queue").isEmpty();
    }

    @Test
    void aMashWorkerConfirmsTheRecommendationFromTheConsoleWhileAColleagueHasItInHand() {
        ReferralSubmissions referral = aReferralAboutANewChild("PARENTAL_ISSUES_SIGNIFICANT_RISK");
        UUID referralId = submitAndAwaitTriage(referral);
        await().atMost(PIPELINE).until(() -> running.driver().query("update triage.task set opened_by = "
                + "'mash-worker-colleague', opened_at = now() where referral_id = ? returning task_id", referralId),
                opened -> !opened.isEmpty());
        signIn(DemoClients.MASH_WORKER.apiKey());
        WebElement row = await().atMost(PIPELINE).until(() -> rowInOpenTasks(referralId), Optional::isPresent).get();
        assertThat(row.getText()).contains("Opened by mash-worker-colleague at");

        chromium.clickThrough(row.findElement(By.tagName("a")));
        assertThat(chromium.text("#in-other-hands")).contains("Opened by mash-worker-colleague at",
                "Check with them before you decide");
        browser().findElement(By.id("decision")).click();
        browser().findElement(By.id("reason")).sendKeys("Spoke to the school: section 17 assessment fits.");
        submit();

        assertThat(chromium.text(".govuk-panel")).contains("Recommendation confirmed",
                "Section 17 assessment (child in need)", "Outcome version 2");
        TriageOutcomeIssued confirmed = await().atMost(PIPELINE).until(() -> outcomesOf(referral.agencyReference()),
                outcomes -> outcomes.size() == 2).get(1);
        assertThat(confirmed.getOutcome()).isEqualTo(OutcomeType.SECTION_17_ASSESSMENT);
        assertThat(confirmed.getStatus()).isEqualTo(OutcomeStatus.CONFIRMED);
        assertThat(confirmed.getDecidedBy().getWorkerId()).as("a notice, not a lock")
                .isEqualTo(DemoClients.MASH_WORKER.clientName());
    }

    @Test
    void aDecisionSentAfterTheSessionEndedIsOfferedBackAfterSigningInAgainNotLost() {
        ReferralSubmissions referral = aReferralAboutANewChild("PARENTAL_ISSUES_SIGNIFICANT_RISK");
        UUID referralId = submitAndAwaitTriage(referral);
        signIn(DemoClients.MASH_WORKER.apiKey());
        WebElement row = await().atMost(PIPELINE).until(() -> rowInOpenTasks(referralId), Optional::isPresent).get();
        chromium.clickThrough(row.findElement(By.tagName("a")));
        String taskPath = chromium.currentPath();
        browser().findElement(By.id("decision")).click();
        String reason = "Spoke to the school and the health visitor: a section 17 assessment fits.";
        browser().findElement(By.id("reason")).sendKeys(reason);

        browser().manage().deleteCookieNamed("JSESSIONID");
        submit();

        assertThat(chromium.currentPath()).isEqualTo("/console/sign-in");
        assertThat(chromium.text("#session-ended")).contains("Your session ended");
        signIn(DemoClients.MASH_WORKER.apiKey());
        assertThat(chromium.currentPath()).as("back where the worker was").isEqualTo(taskPath);
        assertThat(chromium.text("#not-sent")).contains("Nothing has been decided");
        assertThat(browser().findElement(By.id("reason")).getDomProperty("value")).isEqualTo(reason);
        assertThat(browser().findElement(By.id("decision")).isSelected()).isTrue();
        assertThat(outcomesOf(referral.agencyReference())).as("nothing decided before it is sent again").hasSize(1);

        submit();

        assertThat(chromium.text(".govuk-panel")).contains("Recommendation confirmed");
    }

    @Test
    void aKeyWithoutTheMashWorkerRoleCannotSignIn() {
        open("/console/assets/govuk-frontend.min.css");
        assertThat(chromium.statusOfCurrentPage()).as("GOV.UK Frontend styles the sign-in page").isEqualTo(200);

        signIn(DemoClients.SCHOOL.apiKey());

        assertThat(chromium.currentPath()).isEqualTo("/console/sign-in");
        assertThat(headerOfCurrentPage("Content-Security-Policy"))
                .contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(browser().getTitle()).startsWith("Error:");
        assertThat(chromium.text(".govuk-error-summary")).contains("Enter a valid MASH worker key");
        open("/console/tasks");
        assertThat(chromium.currentPath()).isEqualTo("/console/sign-in");
        signIn("not-a-key");
        assertThat(browser().getTitle()).startsWith("Error:");
    }

    @Test
    void theConsoleTakesNoApiKeyHeaderNoFormWithoutItsCsrfTokenAndNothingAfterSignOut() {
        chromium.sendOnEveryRequest(Map.of("X-Api-Key", DemoClients.MASH_WORKER.apiKey()));
        open("/console/tasks");
        assertThat(chromium.currentPath()).as("a browser session, not an API key").isEqualTo("/console/sign-in");
        chromium.sendOnEveryRequest(Map.of());

        signIn(DemoClients.MASH_WORKER.apiKey());
        assertThat(browser().getTitle()).startsWith("Open tasks");
        postFormWithoutCsrfToken("/console/tasks/" + UUID.randomUUID(),
                Map.of("decision", "CONFIRM", "reason", "forged"));
        assertThat(chromium.statusOfCurrentPage()).as("CSRF protection").isEqualTo(403);

        open("/console/tasks");
        chromium.clickThrough(browser().findElement(By.cssSelector("form[action*='sign-out'] button")));
        assertThat(chromium.text("main")).contains("You have signed out");
        open("/console/tasks");
        assertThat(chromium.currentPath()).isEqualTo("/console/sign-in");
    }

    private static void signIn(String key) {
        chromium.signIn(running.stack().serviceUrl(PipelineService.MASH_TRIAGE).resolve("/console/sign-in"),
                "workerKey", key);
    }

    private static void overrideWithEarlyHelpAtLevel2() {
        browser().findElement(By.id("decision-override")).click();
        browser().findElement(By.id("outcome-EARLY_HELP")).click();
        browser().findElement(By.cssSelector("#levelOfNeed option[value='LEVEL_2']")).click();
        browser().findElement(By.id("reason"))
                .sendKeys("Health and school say Early Help is proportionate; no significant harm.");
    }

    private static void submit() {
        chromium.clickThrough(browser().findElement(By.cssSelector("main form button[type='submit']")));
    }

    private static void open(String path) {
        browser().get(running.stack().serviceUrl(PipelineService.MASH_TRIAGE).resolve(path).toString());
    }

    private static Optional<WebElement> rowInOpenTasks(UUID referralId) {
        open("/console/tasks");
        return rowOf(referralId);
    }

    private static Optional<WebElement> rowOf(UUID referralId) {
        return browser().findElements(By.cssSelector("tr[data-referral-id='" + referralId + "']")).stream()
                .findFirst();
    }

    /** Fetched again from the page: a browser keeps no response headers where a test could read them. */
    private static String headerOfCurrentPage(String name) {
        return (String) browser().executeScript(
                "return fetch(location.href).then(response => response.headers.get(arguments[0]))", name);
    }

    /** A form the console never served, as a forged one: sent with the worker's session cookie, without its token. */
    private static void postFormWithoutCsrfToken(String path, Map<String, String> fields) {
        WebElement send = (WebElement) browser().executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                for (const [name, value] of Object.entries(arguments[1])) {
                    const field = document.createElement('input');
                    field.name = name;
                    field.value = value;
                    form.append(field);
                }
                const send = document.createElement('button');
                form.append(send);
                document.body.append(form);
                return send;
                """, path, fields);
        chromium.clickThrough(send);
    }

    private static ChromeDriver browser() {
        return chromium.driver();
    }

    /** From the demo school, about a child no other test has referred, so that nothing is collated with it. */
    private static ReferralSubmissions aReferralAboutANewChild(String... indicators) {
        return aReferral().from(DemoClients.SCHOOL)
                .aboutChild("Console" + System.nanoTime(), null)
                .withIndicators(indicators)
                .withConcern("The child has hurt younger children at school and at home.");
    }

    /** Submits the referral as the agency system would and waits for triage's first outcome: its referral id. */
    private static UUID submitAndAwaitTriage(ReferralSubmissions referral) {
        running.driver().publish(referral.build());
        return await().atMost(PIPELINE).until(() -> outcomesOf(referral.agencyReference()),
                outcomes -> !outcomes.isEmpty()).get(0).getReferralId();
    }

    private static List<TriageOutcomeIssued> outcomesOf(String agencyReference) {
        return running.driver().<TriageOutcomeIssued>readAllValues("triage.outcomes.v1").stream()
                .filter(outcome -> outcome.getReferral().getAgencyReference().equals(agencyReference))
                .toList();
    }

    private static List<AuditEntry> auditOf(UUID referralId, String action) {
        return running.driver().query("select actor, reason, occurred_at from triage.audit_event "
                + "where referral_id = ? and action = ? order by id",
                row -> new AuditEntry(row.getString(1), row.getString(2), row.getTimestamp(3)), referralId, action);
    }

    private record AuditEntry(String actor, String reason, java.sql.Timestamp occurredAt) {
    }
}
