package uk.mash.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import uk.mash.notify.NotifyFixtures;
import uk.mash.notify.NotifySettings;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.testing.ServiceDatabase;

/**
 * The notifier shut down while the dispatcher works through a backlog: it finishes the message in hand and stops,
 * leaving the rest due for the next start, rather than holding shutdown until the connection pool closes under it.
 */
class DeliveryDispatcherShutdownTest {

    private static final int BACKLOG = 200;
    private static final int SENT_BEFORE_SHUTDOWN = 10;
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @RegisterExtension
    final ServiceDatabase database = ServiceDatabase.forTests("notify");
    private Deliveries deliveries;
    private DeliveryDispatcher dispatcher;
    /** Accepts every email; the service starts shutting down while it takes the tenth. */
    private final RecordingMailServer mailServer = new RecordingMailServer(delivery -> {
        if (this.mailServer.sent().size() == SENT_BEFORE_SHUTDOWN) {
            dispatcher.closing();
        }
    });
    private final List<String> sent = mailServer.sent();

    @BeforeEach
    void startWithABacklog() {
        JdbcTemplate jdbc = database.jdbc();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        NotifySettings settings = NotifyFixtures.settings(Map.of());
        deliveries = new Deliveries(jdbc, JsonMapper.builder().build(), settings, clock);
        jdbc.update("insert into delivery (notification_id, referral_id, agency_code, channel, destination, payload, "
                + "created_at, next_attempt_at) select 'due-' || n, gen_random_uuid(), 'SCHOOL-0001', 'EMAIL', "
                + "'safeguarding-lead@school.example', '{}', ?::timestamptz, ?::timestamptz "
                + "from generate_series(1, ?) n", NOW.toString(), NOW.toString(), BACKLOG);
        dispatcher = new DeliveryDispatcher(deliveries, List.of(mailServer), database.transaction(),
                NotifyFixtures.slaClock(jdbc),
                clock,
                new DefaultListableBeanFactory().getBeanProvider(DeliveryCheckpoint.class), settings,
                new SimpleMeterRegistry(), new AuditTrail(jdbc, clock));
    }

    @Test
    void shutdownStopsTheBacklogAfterTheMessageInHandAndLeavesTheRestDue() {
        int delivered = dispatcher.dispatch();

        assertThat(delivered).isEqualTo(SENT_BEFORE_SHUTDOWN);
        assertThat(sent).hasSize(SENT_BEFORE_SHUTDOWN);
        assertThat(deliveries.pendingCount()).isEqualTo(BACKLOG - SENT_BEFORE_SHUTDOWN);
        assertThat(dispatcher.dispatch()).as("a dispatch after shutdown began").isZero();
        assertThat(sent).hasSize(SENT_BEFORE_SHUTDOWN);
    }
}
