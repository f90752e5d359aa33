package uk.mash.platform.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import uk.mash.platform.jdbc.InsertsAtCommit;
import uk.mash.platform.jdbc.StorableText;

/**
 * Records every decision and every look at a case: who, when, what and why. Each service keeps its own
 * {@code audit_event} table (created by its own migrations); entries are never updated or deleted. Inside a
 * transaction the entries are written just before it commits, with it ({@link InsertsAtCommit}).
 */
public class AuditTrail {

    /** The actor recorded for decisions the threshold rules or the pipeline take without a person. */
    public static final String SYSTEM = "system";

    private final InsertsAtCommit entries;
    private final Clock clock;

    public AuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.entries = new InsertsAtCommit(jdbc, "insert into audit_event (occurred_at, actor, action, referral_id, "
                + "reason) values (?, ?, ?, ?, ?)");
        this.clock = clock;
    }

    /** Records an action by the authenticated caller, or by the system when there is none. */
    public void record(String action, UUID referralId, String reason) {
        recordAs(currentActor(), action, referralId, reason);
    }

    public void recordAs(String actor, String action, UUID referralId, String reason) {
        // a reason can quote what a caller sent (a refused referral's agency reference): an entry PostgreSQL could
        // not store would fail the commit, and with it the refusal it records
        entries.add(Timestamp.from(clock.instant()), StorableText.of(actor), action, referralId,
                StorableText.of(reason));
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? SYSTEM : authentication.getName();
    }
}
