package uk.mash.notify.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.springframework.stereotype.Component;
import uk.gov.service.notify.NotificationClient;
import uk.gov.service.notify.NotificationClientException;
import uk.gov.service.notify.TimedNotificationClient;

import uk.mash.events.NotificationChannel;
import uk.mash.events.NotificationSubject;
import uk.mash.events.OutcomeType;
import uk.mash.notify.NotifySettings;
import uk.mash.notify.NotifySettings.EmailProvider;

/**
 * Emails the message through GOV.UK Notify with the template configured for its kind. The Notify {@code reference}
 * is the notification id, so each email can be found in Notify by its idempotency key. The personalisation holds the
 * references, the decision, the message and whom to contact, never the child's details. Notify refusing the message
 * itself (a 4xx other than 429) makes it {@link UndeliverableMessage}; too many requests, a 5xx or no answer is
 * retried.
 */
@Component
class GovUkNotifyEmailSender implements ChannelSender {

    private final NotifySettings settings;
    private volatile NotificationClient client;

    GovUkNotifyEmailSender(NotifySettings settings) {
        this.settings = settings;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.EMAIL;
    }

    @Override
    public boolean carries(PendingDelivery delivery) {
        return settings.emailProviderOf(delivery.agencyCode()) == EmailProvider.GOV_UK_NOTIFY;
    }

    @Override
    public void send(PendingDelivery delivery) {
        ReferrerMessage message = delivery.message();
        try {
            client().sendEmail(templateFor(message), delivery.destination(), personalisationOf(message),
                    delivery.notificationId());
        }
        catch (NotificationClientException e) {
            int status = e.getHttpResult();
            String reason = "GOV.UK Notify answered " + (status == 0 ? "nothing" : status) + errorsOf(e);
            if (status >= 400 && status < 500 && status != 429) {
                throw new UndeliverableMessage(reason);
            }
            throw new IllegalStateException(reason);
        }
    }

    @Override
    public String circuitOf(PendingDelivery delivery) {
        return "gov-uk-notify";
    }

    static Map<String, String> personalisationOf(ReferrerMessage message) {
        Map<String, String> personalisation = new LinkedHashMap<>();
        personalisation.put("agency_reference", Objects.toString(message.agencyReference(), ""));
        personalisation.put("referral_reference", Objects.toString(message.referralId(), "none"));
        personalisation.put("decision", decisionOf(message));
        personalisation.put("message", Objects.toString(message.message(), ""));
        personalisation.put("contact", Objects.toString(message.contact(), ""));
        return personalisation;
    }

    private String templateFor(ReferrerMessage message) {
        NotifySettings.Templates templates = settings.email().govUkNotify().templates();
        String template = switch (NotificationSubject.valueOf(message.subject())) {
            case OUTCOME -> templates.outcome();
            case SUPERSEDED_OUTCOME -> templates.supersededOutcome();
            case REJECTION -> templates.rejection();
            case RETURNED_FOR_CONSENT -> templates.returnedForConsent();
        };
        if (template == null || template.isBlank()) {
            throw new IllegalStateException("No GOV.UK Notify template configured for " + message.subject()
                    + " (referrals.notify.email.gov-uk-notify.templates)");
        }
        return template;
    }

    private NotificationClient client() {
        NotificationClient current = client;
        if (current == null) {
            NotifySettings.GovUkNotify notify = settings.email().govUkNotify();
            if (!notify.configured()) {
                throw new IllegalStateException("No GOV.UK Notify API key configured "
                        + "(referrals.notify.email.gov-uk-notify.api-key) for emails to referrers");
            }
            current = new TimedNotificationClient(notify.apiKey(), notify.baseUrl(), notify.timeout());
            client = current;
        }
        return current;
    }

    private static String decisionOf(ReferrerMessage message) {
        if (message.outcome() == null) {
            return "Not accepted by the MASH";
        }
        return switch (OutcomeType.valueOf(message.outcome())) {
            case SINGLE_AGENCY -> "Single agency referral (Level 1)";
            case EARLY_HELP -> "Early Help (Level 2)";
            case SECTION_17_ASSESSMENT -> "Child and Family Assessment under section 17 (Level 3)";
            case SECTION_47_ENQUIRY -> "Section 47 enquiry (Level 3)";
            case RETURNED_FOR_CONSENT -> "Returned to you to seek consent";
            case ALLOCATED_SOCIAL_WORKER -> "Sent to the child's allocated social worker";
        };
    }

    /** Notify's error codes and messages (they name fields and rules, never the personalisation). */
    private static String errorsOf(NotificationClientException e) {
        String text = String.valueOf(e.getMessage());
        int body = text.indexOf('{');
        if (body < 0) {
            return "";
        }
        try {
            JSONArray errors = new JSONObject(text.substring(body)).optJSONArray("errors");
            if (errors == null) {
                return "";
            }
            return StreamSupport.stream(errors.spliterator(), false)
                    .filter(JSONObject.class::isInstance)
                    .map(JSONObject.class::cast)
                    .map(error -> error.optString("error") + ": " + error.optString("message"))
                    .collect(Collectors.joining("; ", " (", ")"));
        }
        catch (JSONException notJson) {
            return "";
        }
    }
}
