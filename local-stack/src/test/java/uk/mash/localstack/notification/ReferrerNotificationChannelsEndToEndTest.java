package uk.mash.localstack.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.mash.localstack.ReferralSubmissions.CHILD_FAMILY_NAME;
import static uk.mash.localstack.ReferralSubmissions.CHILD_NHS_NUMBER;
import static uk.mash.localstack.ReferralSubmissions.CHILD_POSTCODE;
import static uk.mash.localstack.ReferralSubmissions.aReferral;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.LevelOfNeed;
import uk.mash.events.NotificationChannel;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.ReferrerNotified;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.localstack.AgencyInbox;
import uk.mash.localstack.DemoClients;
import uk.mash.localstack.GovUkNotifyStandIn;
import uk.mash.localstack.LocalStackExtension;
import uk.mash.localstack.PipelineDriver;
import uk.mash.localstack.PipelineService;
import uk.mash.notify.delivery.DeliveryCheckpoint;

/**
 * Over the real broker and database: the police referrer is told each outcome by event, by email and by a signed
 * webhook carrying its idempotency key, within seconds, and sees each message once however the notifier is stopped;
 * the school referrer is emailed through GOV.UK Notify (the stand-in) once per outcome version. The referral's SLA
 * clock stops when the referrer has been told on every channel: with the event for an agency told only by event,
 * after the last delivered message otherwise. A referrer whose agency the MASH has not registered (a mistyped code) is
 * emailed at the address they gave; one who gave none is not told, and their clock runs on for operations to see.
 */
class ReferrerNotificationChannelsEndToEndTest {

    private static final Duration GENEROUS = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final LocalStackExtension running = new LocalStackExtension();

    private static PipelineDriver driver() {
        return running.driver();
    }

    private static AgencyInbox inbox() {
        return running.stack().agencyInbox();
    }

    @Test
    void policeReferrerIsToldOnEveryChannelWithoutTheChildsDetails() {
        driver().publish(aReferral().from(DemoClients.POLICE).withAgencyReference("CHANNELS-1").build());

        AgencyInbox.ReceivedWebhook webhook = await().atMost(GENEROUS)
                .until(() -> webhooksAbout("CHANNELS-1"), list -> !list.isEmpty()).get(0);
        AgencyInbox.ReceivedEmail email = await().atMost(GENEROUS)
                .until(() -> emailsAbout("CHANNELS-1"), list -> !list.isEmpty()).get(0);
        ReferrerNotified event = await().atMost(GENEROUS)
                .until(() -> eventsAbout("CHANNELS-1"), list -> !list.isEmpty()).get(0);

        String referralId = event.getReferralId();
        assertThat(event.getChannel()).isEqualTo(NotificationChannel.EVENT);
        assertThat(webhook.idempotencyKey()).isEqualTo(referralId + ":v1:WEBHOOK");
        assertThat(webhook.signatureValid()).as("signed with the agency's HMAC secret").isTrue();
        JsonNode body = JSON.readTree(webhook.body());
        assertThat(body.get("notificationId").asText()).isEqualTo(webhook.idempotencyKey());
        assertThat(body.get("outcome").asText()).isEqualTo("EARLY_HELP");
        assertThat(body.get("message").asText()).contains("CHANNELS-1", "Early Help");
        assertThat(body.get("contact").asText()).contains("Peterborough MASH");
        assertThat(email.idempotencyKey()).isEqualTo(referralId + ":v1:EMAIL");
        assertThat(email.to()).containsExactly("mash-liaison@police.example");
        assertThat(email.subject()).contains("CHANNELS-1");
        assertThat(email.body()).contains("Early Help", "Whom to contact: Peterborough MASH");
        for (String told : List.of(webhook.body(), email.body(), email.subject())) {
            assertThat(told).doesNotContain(CHILD_FAMILY_NAME, CHILD_NHS_NUMBER, CHILD_POSTCODE);
        }
    }

    @Test
    void eachReferrerToldOnceOnEachChannelAcrossNotifierRestarts() {
        String prefix = "ONCE-";
        driver().publish(batch(prefix, 0, 5));
        running.stack().stopService(PipelineService.NOTIFICATION_SERVICE);
        driver().publish(batch(prefix, 5, 5));
        running.stack().startService(PipelineService.NOTIFICATION_SERVICE, List.of());
        driver().publish(batch(prefix, 10, 5));

        await().atMost(GENEROUS).until(() -> webhooksAbout(prefix).size() == 15 && emailsAbout(prefix).size() == 15);
        running.restart(PipelineService.NOTIFICATION_SERVICE, List.of());

        assertThat(countBy(eventsAbout(prefix), ReferrerNotified::getAgencyReference).values())
                .as("one event per referrer").hasSize(15).containsOnly(1L);
        assertThat(webhooksAbout(prefix)).extracting(AgencyInbox.ReceivedWebhook::deliveries)
                .as("each webhook called once").hasSize(15).containsOnly(1);
        assertThat(emailsAbout(prefix)).extracting(AgencyInbox.ReceivedEmail::deliveries)
                .as("each email sent once").hasSize(15).containsOnly(1);
    }

    @Test
    void notifierStoppedBetweenSendingAndRecordingLeavesTheReferrerOneMessage() {
        ApplicationContextInitializer<ConfigurableApplicationContext> crashAfterSending = context -> context
                .getBeanFactory().registerSingleton("crashAfterSending", (DeliveryCheckpoint) notificationId -> {
                    throw new IllegalStateException("test: the notifier stops after sending " + notificationId);
                });
        running.restart(PipelineService.NOTIFICATION_SERVICE, List.of(), crashAfterSending);
        driver().publish(aReferral().from(DemoClients.POLICE).withAgencyReference("CRASH-1").build());

        AgencyInbox.ReceivedWebhook sentAgain = await().atMost(GENEROUS)
                .until(() -> webhooksAbout("CRASH-1"), list -> !list.isEmpty() && list.get(0).deliveries() >= 2)
                .get(0);
        running.restart(PipelineService.NOTIFICATION_SERVICE, List.of());
        await().atMost(GENEROUS).until(() -> driver().query("select delivered_at from notify.delivery "
                + "where notification_id = ?", sentAgain.idempotencyKey()), rows -> rows.get(0) != null);

        assertThat(webhooksAbout("CRASH-1")).as("the agency system keeps one message per idempotency key")
                .hasSize(1);
        assertThat(emailsAbout("CRASH-1")).as("the mailbox keeps one email per Message-ID").hasSize(1);
        assertThat(eventsAbout("CRASH-1")).hasSize(1);
        assertThat(driver().query("select count(*) from notify.delivery where notification_id like ?",
                sentAgain.idempotencyKey().replace(":WEBHOOK", ":%"))).containsExactly("2");
    }

    @Test
    void webhookRetriedUntilTheAgencySystemAnswers() {
        inbox().failNextWebhookCalls(2);
        driver().publish(aReferral().from(DemoClients.POLICE).withAgencyReference("RETRY-1").build());

        AgencyInbox.ReceivedWebhook webhook = await().atMost(GENEROUS)
                .until(() -> webhooksAbout("RETRY-1"), list -> !list.isEmpty()).get(0);

        assertThat(webhook.deliveries()).isEqualTo(1);
        assertThat(driver().query("select attempts from notify.delivery where notification_id = ?",
                webhook.idempotencyKey())).containsExactly("3");
    }

    @Test
    void schoolReferrerIsEmailedOnceThroughGovUkNotifyForEachOutcomeVersion() {
        driver().publish(aReferral().from(DemoClients.SCHOOL).withAgencyReference("NOTIFY-1").build());
        await().atMost(GENEROUS).until(() -> notifyEmailsAbout("NOTIFY-1"), list -> !list.isEmpty());
        TriageOutcomeIssued first = outcomesAbout("NOTIFY-1").get(0);
        TriageOutcomeIssued changed = TriageOutcomeIssued.newBuilder(first)
                .setEventId(UUID.randomUUID())
                .setOutcomeVersion(first.getOutcomeVersion() + 1)
                .setOutcome(OutcomeType.SECTION_17_ASSESSMENT)
                .setLevelOfNeed(LevelOfNeed.LEVEL_3)
                .setPriority(Priority.URGENT)
                .build();
        String referralId = first.getReferralId().toString();

        driver().publish("triage.outcomes.v1", referralId, changed, first);

        await().atMost(GENEROUS).until(() -> driver().query("select count(*) from notify.delivery "
                + "where referral_id = ? and delivered_at is not null", first.getReferralId()),
                rows -> rows.equals(List.of("2")));
        List<GovUkNotifyStandIn.ReceivedNotifyEmail> emails = notifyEmailsAbout("NOTIFY-1");
        assertThat(emails).extracting(GovUkNotifyStandIn.ReceivedNotifyEmail::reference)
                .as("one Notify email per outcome version, referenced by its idempotency key")
                .containsExactly(referralId + ":v1:EMAIL", referralId + ":v2:EMAIL");
        assertThat(emails).extracting(GovUkNotifyStandIn.ReceivedNotifyEmail::deliveries).containsOnly(1);
        assertThat(emails).extracting(GovUkNotifyStandIn.ReceivedNotifyEmail::templateId).containsExactly(
                GovUkNotifyStandIn.OUTCOME_TEMPLATE, GovUkNotifyStandIn.SUPERSEDED_OUTCOME_TEMPLATE);
        assertThat(emails).extracting(GovUkNotifyStandIn.ReceivedNotifyEmail::emailAddress)
                .containsOnly("designated-safeguarding-lead@school.example");
        assertThat(emails.get(1).personalisation()).containsEntry("referral_reference", referralId)
                .containsEntry("decision", "Child and Family Assessment under section 17 (Level 3)")
                .containsEntry("contact", "Peterborough MASH (Multi-Agency Safeguarding Hub)");
        for (GovUkNotifyStandIn.ReceivedNotifyEmail email : emails) {
            assertThat(email.personalisation().values()).allSatisfy(value -> assertThat(value)
                    .doesNotContain(CHILD_FAMILY_NAME, CHILD_NHS_NUMBER, CHILD_POSTCODE));
        }
        assertThat(emailsAbout("NOTIFY-1")).as("the school is not emailed over SMTP as well").isEmpty();
    }

    @Test
    void emailNotifyRefusesIsNotRetriedAndLeavesTheReferralsClockRunning() {
        inbox().govUkNotify().failNextEmails(1, 400);
        driver().publish(aReferral().from(DemoClients.SCHOOL).withAgencyReference("REFUSED-1").build());

        ReferrerNotified event = await().atMost(GENEROUS)
                .until(() -> eventsAbout("REFUSED-1"), list -> !list.isEmpty()).get(0);
        String emailId = event.getReferralId() + ":v1:EMAIL";
        await().atMost(GENEROUS).until(() -> driver().query("select undeliverable_at from notify.delivery "
                + "where notification_id = ?", emailId), rows -> !rows.isEmpty() && rows.get(0) != null);

        assertThat(driver().query("select last_error from notify.delivery where notification_id = ?", emailId))
                .singleElement().asString().contains("400", "BadRequestError");
        assertThat(driver().query("select attempts from notify.delivery where notification_id = ?", emailId))
                .containsExactly("1");
        assertThat(notifyEmailsAbout("REFUSED-1")).isEmpty();
        assertThat(driver().query("select notified_at from notify.sla_clock where referral_id = ?",
                UUID.fromString(event.getReferralId()))).as("the referrer is not told, so the SLA clock runs on")
                .containsExactly((String) null);
    }

    @Test
    void referralsClockStopsWithTheEventForAnAgencyToldOnlyByEvent() {
        driver().publish(aReferral().from("HEALTH-0001").aboutChild("Eventonly", null)
                .withAgencyReference("EVENT-ONLY-1").build());

        ReferrerNotified event = await().atMost(GENEROUS)
                .until(() -> eventsAbout("EVENT-ONLY-1"), list -> !list.isEmpty()).get(0);

        await().atMost(GENEROUS).until(() -> driver().query("select notified_at from notify.sla_clock "
                + "where referral_id = ?", UUID.fromString(event.getReferralId())),
                rows -> rows.size() == 1 && rows.get(0) != null);
    }

    @Test
    void referrerOfAnAgencyTheMashHasNotRegisteredIsEmailedAtTheAddressTheyGave() {
        driver().publish(aReferral().from("HEALTH-0010").aboutChild("Mistyped", null)
                .withAgencyReference("UNREGISTERED-1").build());

        AgencyInbox.ReceivedEmail email = await().atMost(GENEROUS)
                .until(() -> emailsAbout("UNREGISTERED-1"), list -> !list.isEmpty()).get(0);
        ReferrerNotified event = eventsAbout("UNREGISTERED-1").get(0);

        assertThat(email.to()).containsExactly("safeguarding@agency.example");
        assertThat(email.idempotencyKey()).isEqualTo(event.getReferralId() + ":v1:EMAIL");
        await().atMost(GENEROUS).until(() -> driver().query("select notified_at from notify.sla_clock "
                + "where referral_id = ?", UUID.fromString(event.getReferralId())),
                rows -> rows.size() == 1 && rows.get(0) != null);
    }

    @Test
    void referrerOfAnUnregisteredAgencyWhoGaveNoEmailIsNotCountedAsToldAndTheClockRunsOn() {
        driver().publish(aReferral().from("HEALTH-0011").aboutChild("Noemail", null).withoutReferrerEmail()
                .withAgencyReference("UNREACHABLE-1").build());

        ReferrerNotified event = await().atMost(GENEROUS)
                .until(() -> eventsAbout("UNREACHABLE-1"), list -> !list.isEmpty()).get(0);
        UUID referralId = UUID.fromString(event.getReferralId());

        List<String> audited = await().atMost(GENEROUS).until(() -> driver().query("select reason from "
                + "notify.audit_event where action = 'REFERRER_NOT_REACHABLE' and referral_id = ?", referralId),
                rows -> !rows.isEmpty());
        assertThat(audited).singleElement().asString().contains("agency HEALTH-0011 is not registered");
        assertThat(driver().query("select notified_at from notify.sla_clock where referral_id = ?", referralId))
                .as("not told: the clock runs on to at risk and breached").containsExactly((String) null);
        assertThat(driver().query("select count(*) from notify.delivery where referral_id = ?", referralId))
                .containsExactly("0");
    }

    @Test
    void referralsClockStopsOnlyOnceTheLastMessageIsDelivered() {
        driver().publish(aReferral().from(DemoClients.POLICE).aboutChild("Lastmessage", null)
                .withAgencyReference("LAST-MESSAGE-1").build());
        ReferrerNotified event = await().atMost(GENEROUS)
                .until(() -> eventsAbout("LAST-MESSAGE-1"), list -> !list.isEmpty()).get(0);
        UUID referralId = UUID.fromString(event.getReferralId());

        await().atMost(GENEROUS).until(() -> driver().query("select notified_at from notify.sla_clock "
                + "where referral_id = ?", referralId), rows -> rows.size() == 1 && rows.get(0) != null);

        assertThat(driver().query("select count(*) from notify.delivery where referral_id = ? "
                + "and delivered_at is not null", referralId)).containsExactly("2");
        assertThat(driver().query("select count(*) from notify.sla_clock c where referral_id = ? and notified_at >= "
                + "(select max(delivered_at) from notify.delivery d where d.referral_id = c.referral_id)",
                referralId)).as("stopped by the last delivery, not by the event").containsExactly("1");
    }

    private static ReferralSubmitted[] batch(String prefix, int from, int size) {
        return IntStream.range(from, from + size)
                .mapToObj(i -> aReferral().from(DemoClients.POLICE).withAgencyReference(prefix + i).build())
                .toArray(ReferralSubmitted[]::new);
    }

    private static List<AgencyInbox.ReceivedWebhook> webhooksAbout(String agencyReferencePrefix) {
        return inbox().webhooks().stream()
                .filter(webhook -> JSON.readTree(webhook.body()).get("agencyReference").asText()
                        .startsWith(agencyReferencePrefix))
                .toList();
    }

    private static List<AgencyInbox.ReceivedEmail> emailsAbout(String agencyReferencePrefix) {
        return inbox().emails().stream()
                .filter(email -> email.subject().startsWith("MASH referral " + agencyReferencePrefix))
                .toList();
    }

    private static List<GovUkNotifyStandIn.ReceivedNotifyEmail> notifyEmailsAbout(String agencyReferencePrefix) {
        return inbox().govUkNotify().emails().stream()
                .filter(email -> email.personalisation().get("agency_reference").startsWith(agencyReferencePrefix))
                .toList();
    }

    private static List<TriageOutcomeIssued> outcomesAbout(String agencyReference) {
        return driver().<TriageOutcomeIssued>readAllValues("triage.outcomes.v1").stream()
                .filter(outcome -> outcome.getReferral().getAgencyReference().equals(agencyReference))
                .toList();
    }

    private static List<ReferrerNotified> eventsAbout(String agencyReferencePrefix) {
        return driver().<ReferrerNotified>readAllValues("referrer.notifications.v1").stream()
                .filter(event -> event.getAgencyReference().startsWith(agencyReferencePrefix))
                .toList();
    }

    private static <T> Map<String, Long> countBy(List<T> values, Function<T, String> key) {
        return values.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
