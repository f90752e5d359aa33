package uk.mash.localstack.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.mash.localstack.ReferralSubmissions.CHILD_ADDRESS_LINE;
import static uk.mash.localstack.ReferralSubmissions.CHILD_GIVEN_NAMES;
import static uk.mash.localstack.ReferralSubmissions.CHILD_POSTCODE;
import static uk.mash.localstack.ReferralSubmissions.CHILD_SCHOOL;
import static uk.mash.localstack.ReferralSubmissions.aReferral;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlPasswordInput;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import uk.mash.events.DeciderKind;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeStatus;
import uk.mash.events.OutcomeType;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.localstack.DemoClients;
import uk.mash.localstack.LocalStackExtension;
import uk.mash.localstack.PipelineService;
import uk.mash.localstack.ReferralSubmissions;

/**
 * The MASH worker console in a browser (HtmlUnit, no JavaScript) against the whole pipeline over a real Kafka broker,
 * PostgreSQL and the schema registry: a worker signs in with their key, finds the task a real referral raised, opens
 * it (audited), is told what is wrong with an incomplete override, and overrides the recommendation, which is issued
 * as the next confirmed outcome. Other keys, forged forms and signed-out browsers get nothing.
 */
class WorkerConsoleEndToEndTest {

    private static final Duration PIPELINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalStackExtension running = new LocalStackExtension();

    private WebClient browser;

    @BeforeEach
    void openBrowser() {
        browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void aMashWorkerOverridesARecommendationFromTheConsoleAndItIsIssuedAsTheNextConfirmedVersion() {
        ReferralSubmissions referral = aReferralAboutANewChild("CHILD_RISK_TO_OTHERS");
        UUID referralId = submitAndAwaitTriage(referral);

        HtmlPage queue = signIn(DemoClients.MASH_WORKER.apiKey());
        assertThat(queue.getTitleText()).startsWith("Open tasks");
        DomNode row = await().atMost(PIPELINE).until(() -> rowOf(page("/console/tasks"), referralId),
                found -> found != null);
        assertThat(row.asNormalizedText()).contains("Confirm the recommendation", "Section 17 assessment", "Level 3")
                .doesNotContain(CHILD_GIVEN_NAMES, CHILD_ADDRESS_LINE, CHILD_POSTCODE);

        HtmlPage task = click(row.querySelector("a"));
        assertThat(task.getTitleText()).startsWith("Decide on a referral");
        assertThat(text(task, "#recommendation")).contains("Section 17 assessment (child in need)");
        assertThat(text(task, "#reasons")).contains("level-3-section-17", "seed 003");
        assertThat(text(task, "#referral")).contains(referral.agencyReference(), CHILD_SCHOOL,
                "The child has hurt younger children");
        assertThat(auditOf(referralId, "TASK_OPENED")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(DemoClients.MASH_WORKER.clientName());
            assertThat(entry.reason()).startsWith("opened task for decision");
        });

        task.<HtmlRadioButtonInput>getHtmlElementById("decision-override").setChecked(true);
        HtmlPage refused = submit(task);
        assertThat(refused.getTitleText()).startsWith("Error:");
        assertThat(refused.querySelectorAll(".govuk-error-summary__list a")).extracting(a -> a.getAttributes()
                .getNamedItem("href").getNodeValue()).containsExactly("#outcome", "#reason");
        assertThat(text(refused, ".govuk-error-summary")).contains(
                "Select the outcome you decide instead of the recommendation", "Enter the reason for your decision");
        assertThat(refused.<HtmlRadioButtonInput>getHtmlElementById("decision-override").isChecked())
                .as("what the worker chose is kept").isTrue();

        refused.<HtmlRadioButtonInput>getHtmlElementById("outcome-EARLY_HELP").setChecked(true);
        refused.<HtmlSelect>getHtmlElementById("levelOfNeed").setSelectedAttribute("LEVEL_2", true);
        refused.<HtmlTextArea>getHtmlElementById("reason")
                .setText("Health and school say Early Help is proportionate; no significant harm.");
        HtmlPage decided = submit(refused);

        assertThat(text(decided, ".govuk-panel")).contains("Recommendation overridden", "Early Help", "Level 2",
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

        HtmlPage again = submit(refused);
        assertThat(again.getWebResponse().getStatusCode()).as("a task is decided once").isEqualTo(409);
        assertThat(again.getTitleText()).startsWith("Task not open");

        HtmlPage back = click(decided.getAnchorByText("Back to open tasks"));
        assertThat(rowOf(back, referralId)).as("a decided task leaves the queue").isNull();
    }

    @Test
    void aMashWorkerConfirmsTheRecommendationFromTheConsole() {
        ReferralSubmissions referral = aReferralAboutANewChild("PARENTAL_ISSUES_SIGNIFICANT_RISK");
        UUID referralId = submitAndAwaitTriage(referral);
        signIn(DemoClients.MASH_WORKER.apiKey());
        DomNode row = await().atMost(PIPELINE).until(() -> rowOf(page("/console/tasks"), referralId),
                found -> found != null);

        HtmlPage task = click(row.querySelector("a"));
        task.<HtmlRadioButtonInput>getHtmlElementById("decision").setChecked(true);
        task.<HtmlTextArea>getHtmlElementById("reason").setText("Spoke to the school: section 17 assessment fits.");
        HtmlPage decided = submit(task);

        assertThat(text(decided, ".govuk-panel")).contains("Recommendation confirmed",
                "Section 17 assessment (child in need)", "Outcome version 2");
        TriageOutcomeIssued confirmed = await().atMost(PIPELINE).until(() -> outcomesOf(referral.agencyReference()),
                outcomes -> outcomes.size() == 2).get(1);
        assertThat(confirmed.getOutcome()).isEqualTo(OutcomeType.SECTION_17_ASSESSMENT);
        assertThat(confirmed.getStatus()).isEqualTo(OutcomeStatus.CONFIRMED);
        assertThat(confirmed.getDecidedBy().getWorkerId()).isEqualTo(DemoClients.MASH_WORKER.clientName());
    }

    @Test
    void aKeyWithoutTheMashWorkerRoleCannotSignIn() throws IOException {
        Page styles = browser.getPage(url("/console/assets/govuk-frontend.min.css"));
        assertThat(styles.getWebResponse().getStatusCode()).as("GOV.UK Frontend styles the sign-in page")
                .isEqualTo(200);

        HtmlPage refused = signIn(DemoClients.SCHOOL.apiKey());

        assertThat(refused.getUrl().getPath()).isEqualTo("/console/sign-in");
        assertThat(refused.getWebResponse().getResponseHeaderValue("Content-Security-Policy"))
                .contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(refused.getTitleText()).startsWith("Error:");
        assertThat(text(refused, ".govuk-error-summary")).contains("Enter a valid MASH worker key");
        assertThat(page("/console/tasks").getUrl().getPath()).isEqualTo("/console/sign-in");
        assertThat(signIn("not-a-key").getTitleText()).startsWith("Error:");
    }

    @Test
    void theConsoleTakesNoApiKeyHeaderNoFormWithoutItsCsrfTokenAndNothingAfterSignOut() throws IOException {
        browser.addRequestHeader("X-Api-Key", DemoClients.MASH_WORKER.apiKey());
        assertThat(page("/console/tasks").getUrl().getPath()).as("a browser session, not an API key")
                .isEqualTo("/console/sign-in");
        browser.removeRequestHeader("X-Api-Key");

        HtmlPage queue = signIn(DemoClients.MASH_WORKER.apiKey());
        assertThat(queue.getTitleText()).startsWith("Open tasks");
        WebRequest forged = new WebRequest(url("/console/tasks/" + UUID.randomUUID()), HttpMethod.POST);
        forged.setRequestParameters(List.of(new org.htmlunit.util.NameValuePair("decision", "CONFIRM"),
                new org.htmlunit.util.NameValuePair("reason", "forged")));
        Page answer = browser.getPage(forged);
        assertThat(answer.getWebResponse().getStatusCode()).as("CSRF protection").isEqualTo(403);

        HtmlPage signedOut = queue.<HtmlButton>getFirstByXPath("//form[contains(@action, 'sign-out')]//button")
                .click();
        assertThat(text(signedOut, "main")).contains("You have signed out");
        assertThat(page("/console/tasks").getUrl().getPath()).isEqualTo("/console/sign-in");
    }

    private HtmlPage signIn(String key) {
        HtmlPage signIn = page("/console/sign-in");
        signIn.<HtmlPasswordInput>getHtmlElementById("workerKey").setValue(key);
        return submit(signIn);
    }

    private static HtmlPage submit(HtmlPage page) {
        HtmlForm form = page.getFirstByXPath("//main//form");
        try {
            return form.<HtmlButton>getFirstByXPath(".//button[@type='submit']").click();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HtmlPage click(DomNode link) {
        try {
            return ((HtmlAnchor) link).click();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HtmlPage page(String path) {
        try {
            return browser.getPage(url(path));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL url(String path) {
        try {
            URI triage = running.stack().serviceUrl(PipelineService.MASH_TRIAGE);
            return triage.resolve(path).toURL();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DomNode rowOf(HtmlPage queue, UUID referralId) {
        return queue.querySelector("tr[data-referral-id='" + referralId + "']");
    }

    private static String text(HtmlPage page, String selector) {
        return page.querySelector(selector).asNormalizedText();
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
