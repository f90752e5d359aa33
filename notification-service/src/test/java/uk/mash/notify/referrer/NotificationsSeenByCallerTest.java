package uk.mash.notify.referrer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static uk.mash.platform.testing.Outcomes.anOutcome;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.Filter;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.events.TriageOutcomeIssued;
import uk.mash.notify.NotifyFixtures;
import uk.mash.notify.NotifySettings;
import uk.mash.notify.delivery.Deliveries;
import uk.mash.notify.referrer.ReferrerNotifier.Source;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.security.ApiKeyAuthenticationFilter;
import uk.mash.platform.security.PlatformSecurityAutoConfiguration;
import uk.mash.platform.testing.ServiceDatabase;

/**
 * Who may read what a referrer was told, through the services' own API-key security and method checks, over real
 * PostgreSQL: the referrer's agency and operations; not another agency, nor an agency caller bound to no agency.
 */
class NotificationsSeenByCallerTest {

    private static final String SCHOOL = "SCHOOL-0001";
    private static final Instant NOW = Instant.parse("2026-11-24T09:02:00Z");
    private static final List<ApiClient> CLIENTS = List.of(
            new ApiClient("demo-school", SCHOOL, "AGENCY", "school-key"),
            new ApiClient("demo-police", "POLICE-0001", "AGENCY", "police-key"),
            new ApiClient("agency-system-bound-to-none", null, "AGENCY", "unbound-key"),
            new ApiClient("demo-operations", null, "OPERATIONS", "operations-key"),
            new ApiClient("duty-worker", null, "MASH_WORKER", "worker-key"));

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private static AnnotationConfigWebApplicationContext api;
    private static MockMvc http;
    private static UUID referral;

    @BeforeAll
    static void startApiWithAToldReferral() {
        JdbcTemplate jdbc = database.jdbc();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        NotifySettings settings = NotifyFixtures.settings(Map.of());
        AuditTrail audit = new AuditTrail(jdbc, clock);
        ReferrerNotifier notifier = new ReferrerNotifier(jdbc, audit, settings, clock, new SimpleMeterRegistry(),
                new Deliveries(jdbc, JsonMapper.builder().build(), settings, clock),
                NotifyFixtures.slaClock(jdbc),
                database.transaction().getTransactionManager());
        TriageOutcomeIssued outcome = anOutcome().from(SCHOOL).build();
        referral = outcome.getReferralId();
        database.transaction().execute(status -> notifier.onOutcome(outcome, new Source("triage.outcomes.v1", 0, 1)));

        api = new AnnotationConfigWebApplicationContext();
        api.setServletContext(new MockServletContext());
        api.getEnvironment().getPropertySources().addFirst(new MapPropertySource("clients", clients()));
        api.addBeanFactoryPostProcessor(beans -> {
            beans.registerSingleton("referrerNotifier", notifier);
            beans.registerSingleton("auditTrail", audit);
        });
        api.register(NotificationsApi.class);
        api.refresh();
        http = MockMvcBuilders.webAppContextSetup(api)
                .addFilters(api.getBean("springSecurityFilterChain", Filter.class)).build();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theReferrersAgencySeesWhatItWasTold() throws Exception {
        http.perform(get(notificationsUrl()).header("X-Api-Key", "school-key"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].agencyCode").value(SCHOOL));
    }

    @Test
    void operationsSeeWhatAnyAgencyWasTold() throws Exception {
        http.perform(get(notificationsUrl()).header("X-Api-Key", "operations-key"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].agencyCode").value(SCHOOL));
    }

    @Test
    void anotherAgencySeesNothingAndItsAttemptIsAudited() throws Exception {
        http.perform(get(notificationsUrl()).header("X-Api-Key", "police-key"))
                .andExpect(status().isNotFound());

        assertThat(database.jdbc().queryForList("select actor from audit_event where action = "
                + "'NOTIFICATIONS_REFUSED' and referral_id = ?", String.class, referral)).contains("demo-police");
    }

    @Test
    void anAgencyCallerBoundToNoAgencySeesNothing() throws Exception {
        http.perform(get(notificationsUrl()).header("X-Api-Key", "unbound-key"))
                .andExpect(status().isNotFound());
    }

    @Test
    void aCallerWithNeitherRoleIsRefused() throws Exception {
        http.perform(get(notificationsUrl()).header("X-Api-Key", "worker-key"))
                .andExpect(status().isForbidden());
    }

    private static String notificationsUrl() {
        return "/api/v1/referrals/" + referral + "/notifications";
    }

    /** {@code referrals.security.clients} as a service's configuration lists them, each key by its hash. */
    private static Map<String, Object> clients() {
        Map<String, Object> properties = new HashMap<>();
        for (int n = 0; n < CLIENTS.size(); n++) {
            ApiClient client = CLIENTS.get(n);
            String prefix = "referrals.security.clients[" + n + "].";
            properties.put(prefix + "name", client.name());
            if (client.agencyCode() != null) {
                properties.put(prefix + "agency-code", client.agencyCode());
            }
            properties.put(prefix + "roles[0]", client.role());
            properties.put(prefix + "key-sha256",
                    HexFormat.of().formatHex(ApiKeyAuthenticationFilter.sha256(client.key())));
        }
        return properties;
    }

    private record ApiClient(String name, String agencyCode, String role, String key) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    @EnableWebSecurity
    @Import({ PlatformSecurityAutoConfiguration.class, NotificationController.class })
    static class NotificationsApi {
    }
}
