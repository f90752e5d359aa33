package uk.mash.triage.console;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static uk.mash.triage.decisions.TriageOverPostgres.RECEIVED;
import static uk.mash.triage.decisions.TriageOverPostgres.received;
import static uk.mash.triage.decisions.TriageOverPostgres.writtenFollowUp;
import static uk.mash.triage.rules.Submissions.aValidReferral;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import uk.mash.events.ConsentStatus;
import uk.mash.events.ReferralReceived;
import uk.mash.events.TriageTaskCreated;
import uk.mash.triage.decisions.TriageOverPostgres;

/**
 * The task page as the console renders it, with the shipped templates, over real PostgreSQL: what a MASH worker sees
 * of a telephone referral and its written follow-up.
 */
class TaskPageTest {

    /** Two hours after the call, 11:20am in London. */
    private static final Instant WRITTEN = RECEIVED.plus(Duration.ofHours(2));

    @TempDir
    static Path dataDir;

    private static TriageOverPostgres triage;
    private static MockMvc console;

    @BeforeAll
    static void start() {
        triage = new TriageOverPostgres(dataDir);
        console = MockMvcBuilders.standaloneSetup(new TaskConsoleController(triage.decisions(),
                triage.relayThrough(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of())))))
                .setViewResolvers(thymeleaf()).build();
    }

    @AfterAll
    static void stop() {
        triage.close();
    }

    @Test
    void aTaskOfATelephoneReferralShowsItsWrittenFollowUpBesideTheCallAsRecorded() throws Exception {
        ReferralReceived call = received(aValidReferral().aboutChild("Phoned", "9000000401").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").concerning("Said on the telephone: Alex is often hungry.")
                .build());
        triage.tasksRaisedBy(call);
        TriageTaskCreated reading = triage.tasksRaisedBy(writtenFollowUp(call, aValidReferral()
                .aboutChild("Phoned", "9000000401").withIndicators("POOR_SCHOOL_ATTENDANCE")
                .concerning("In writing: Alex has told staff there is no food at home.").build(), WRITTEN)).get(0);

        String page = taskPage(reading.getTaskId());

        assertThat(element(page, "recommendation")).contains("Read the written follow-up");
        assertThat(element(page, "written-follow-up-received")).contains("24 November 2026 at 11:20am");
        assertThat(page).contains("The written follow-up", "The telephone referral as recorded");
        assertThat(element(page, "written-follow-up"))
                .contains("In writing: Alex has told staff there is no food at home.", "event")
                .doesNotContain("Said on the telephone");
        assertThat(rowOf(element(page, "written-follow-up"), "Nature of concern"))
                .as("marked as not what was recorded from the call").contains("Not as on the telephone");
        assertThat(rowOf(element(page, "written-follow-up"), "Agency reference"))
                .doesNotContain("Not as on the telephone");
        assertThat(element(page, "referral")).contains("Said on the telephone: Alex is often hungry.", "telephone")
                .doesNotContain("In writing");
        assertThat(triage.audited("TASK_OPENED", call.getReferralId())).singleElement(as(STRING))
                .contains("with the written follow-up received " + WRITTEN);
    }

    @Test
    void aWrittenFollowUpTriagedAsTheReferralIsShownWithoutACallOnRecord() throws Exception {
        ReferralReceived lostCall = received(aValidReferral().aboutChild("Unrecorded", "9000000402").byTelephone()
                .build());
        TriageTaskCreated confirmation = triage.tasksRaisedBy(writtenFollowUp(lostCall, aValidReferral()
                .aboutChild("Unrecorded", "9000000402").concerning("In writing: the only account the MASH has.")
                .build(), WRITTEN)).get(0);

        String page = taskPage(confirmation.getTaskId());

        assertThat(element(page, "written-follow-up-received")).contains("never reached triage");
        assertThat(element(page, "written-follow-up")).contains("In writing: the only account the MASH has.")
                .doesNotContain("Not as on the telephone");
        assertThat(page).doesNotContain("id=\"referral\"", "The telephone referral as recorded");
    }

    @Test
    void aReferralWithoutAWrittenFollowUpIsShownAsBefore() throws Exception {
        TriageTaskCreated confirmation = triage.tasksRaisedBy(received(aValidReferral()
                .aboutChild("Written", "9000000403").concerning("Sent in writing from the start.").build())).get(0);

        String page = taskPage(confirmation.getTaskId());

        assertThat(page).contains("<h2 class=\"govuk-heading-m\">The referral</h2>")
                .doesNotContain("id=\"written-follow-up\"");
        assertThat(element(page, "referral")).contains("Sent in writing from the start.");
    }

    @Test
    void aDecisionSentFromAPageOpenedBeforeTheWrittenFollowUpArrivedIsRefusedAndThePageSaysWhatToRead()
            throws Exception {
        ReferralReceived call = received(aValidReferral().aboutChild("Overtaken", "9000000404").byTelephone()
                .withIndicators("FAMILY_BREAKDOWN").withConsent(ConsentStatus.REFUSED).build());
        TriageTaskCreated confirmation = triage.tasksRaisedBy(call).get(0);
        String opened = taskPage(confirmation.getTaskId());
        assertThat(hidden(opened, "outcomeVersion")).isEqualTo("1");
        assertThat(hidden(opened, "writtenFollowUpSeen")).isEqualTo("false");
        triage.tasksRaisedBy(writtenFollowUp(call, aValidReferral().aboutChild("Overtaken", "9000000404")
                .withIndicators("FAMILY_BREAKDOWN").withImmediateRiskOfSignificantHarm().build(), WRITTEN));

        String page = override(confirmation.getTaskId(), opened, "SINGLE_AGENCY", "School will monitor.");

        assertThat(page).contains("<title>Error: Decide on a referral");
        assertThat(element(page, "main-content")).contains("govuk-error-summary");
        assertThat(page).contains("href=\"#recommendation\"", "The referral has changed since you opened this task",
                "href=\"#written-follow-up\"", "The written follow-up arrived after you opened this task");
        assertThat(hidden(page, "outcomeVersion")).as("what the page shows now").isEqualTo("2");
        assertThat(hidden(page, "writtenFollowUpSeen")).isEqualTo("true");
        assertThat(element(page, "reason")).as("what the worker wrote is kept").contains("School will monitor.");
        assertThat(triage.audited("OUTCOME_OVERRIDDEN", call.getReferralId())).isEmpty();
    }

    @Test
    void aDecisionTheGuidanceRulesOutIsShownWithWhatToPutRightAndTheAttemptIsAudited() throws Exception {
        ReferralReceived referral = received(aValidReferral().aboutChild("Unconsented", "9000000406")
                .withIndicators("ABUSE_OR_NEGLECT_SUSPECTED").withImmediateRiskOfSignificantHarm()
                .withConsent(ConsentStatus.NOT_SOUGHT_RISK_OF_HARM).build());
        TriageTaskCreated review = triage.tasksRaisedBy(referral).get(0);
        String opened = taskPage(review.getTaskId());

        String page = override(review.getTaskId(), opened, "EARLY_HELP", "Family say all is well.");

        assertThat(element(page, "main-content")).contains("govuk-error-summary", "href=\"#consentObtained\"");
        assertThat(triage.audited("DECISION_REFUSED", referral.getReferralId())).singleElement(as(STRING))
                .startsWith("OVERRIDE to EARLY_HELP: Family say all is well.").endsWith("refused for [consentObtained]");
    }

    @Test
    void aTelephoneReferralThatArrivedAfterItsWrittenFollowUpIsShownBesideItAndItsTaskSaysSo() throws Exception {
        ReferralReceived call = received(aValidReferral().aboutChild("Belated", "9000000405").byTelephone()
                .withIndicators("POOR_SCHOOL_ATTENDANCE").concerning("Said on the telephone: Alex is often hungry.")
                .build());
        triage.tasksRaisedBy(writtenFollowUp(call, aValidReferral().aboutChild("Belated", "9000000405")
                .withIndicators("POOR_SCHOOL_ATTENDANCE").concerning("In writing: there is no food at home.").build(),
                WRITTEN));
        TriageTaskCreated reading = triage.tasksRaisedBy(call).get(0);

        String page = taskPage(reading.getTaskId());

        assertThat(rowOf(element(page, "recommendation"), "Task"))
                .contains("Read the telephone referral, which arrived after its written follow-up");
        assertThat(element(page, "late-call")).contains("only after the written follow-up");
        assertThat(rowOf(element(page, "written-follow-up"), "Nature of concern"))
                .contains("In writing: there is no food at home.", "Not as on the telephone");
        assertThat(element(page, "referral")).contains("Said on the telephone: Alex is often hungry.");
        assertThat(hidden(page, "lateCallSeen")).isEqualTo("true");
        assertThat(triage.audited("TASK_OPENED", call.getReferralId())).last(as(STRING))
                .contains("the telephone referral that reached triage after it");
    }

    /** Sends the override from the page as it was opened, its hidden inputs as they were; answers the page shown. */
    private static String override(UUID taskId, String opened, String outcome, String reason) throws Exception {
        return console.perform(post("/console/tasks/{taskId}", taskId)
                .principal(() -> TriageOverPostgres.WORKER).param("decision", "OVERRIDE")
                .param("outcome", outcome).param("reason", reason)
                .param("outcomeVersion", hidden(opened, "outcomeVersion"))
                .param("writtenFollowUpSeen", hidden(opened, "writtenFollowUpSeen"))
                .param("lateCallSeen", hidden(opened, "lateCallSeen")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static String taskPage(UUID taskId) throws Exception {
        return console.perform(get("/console/tasks/{taskId}", taskId).principal(() -> TriageOverPostgres.WORKER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The element with this id, up to its closing tag: the pages do not nest an element inside one of its kind. */
    private static String element(String page, String id) {
        Matcher opening = Pattern.compile("<(\\w+)[^>]*\\sid=\"" + id + "\"").matcher(page);
        assertThat(opening.find()).as("an element with id " + id).isTrue();
        return page.substring(opening.start(), page.indexOf("</" + opening.group(1) + ">", opening.end()));
    }

    /** The value of the hidden input with this name. */
    private static String hidden(String page, String name) {
        Matcher input = Pattern.compile("<input type=\"hidden\" name=\"" + name + "\" value=\"([^\"]*)\"")
                .matcher(page);
        assertThat(input.find()).as("a hidden input " + name).isTrue();
        return input.group(1);
    }

    /** The summary list row with this key. */
    private static String rowOf(String list, String key) {
        int start = list.indexOf(">" + key + "</dt>");
        assertThat(start).as("a row " + key).isNotNegative();
        return list.substring(start, list.indexOf("</div>", start));
    }

    private static ThymeleafViewResolver thymeleaf() {
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(templates);
        ThymeleafViewResolver views = new ThymeleafViewResolver();
        views.setTemplateEngine(engine);
        views.setCharacterEncoding("UTF-8");
        return views;
    }
}
