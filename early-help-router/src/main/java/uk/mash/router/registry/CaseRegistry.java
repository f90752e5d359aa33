package uk.mash.router.registry;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import uk.mash.events.CaseRegistryChanged;
import uk.mash.events.CaseStatus;
import uk.mash.events.TriageOutcomeIssued;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.ids.TimeOrderedIds;
import uk.mash.platform.jdbc.AnyOfIds;
import uk.mash.platform.jdbc.TransactionReads;
import uk.mash.platform.serde.StoredEvents;

/**
 * Children's cases open to Children's Social Care. A referral routed for a section 17 assessment or a section 47
 * enquiry opens a case for the child, allocated to the receiving team, unless the child already has one open; a
 * changed decision moves the case it opened to the new team, or closes it when the referral leaves Children's Social
 * Care. Every change is returned as the {@link CaseRegistryChanged} to publish in the caller's Kafka transaction.
 */
@Component
public class CaseRegistry {

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionReads<UUID, CaseRegistryChanged> openedBy = new TransactionReads<>();

    public CaseRegistry(JdbcTemplate jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Reads the open case each of a poll's referrals opened, if any, in one statement (locked until the routing
     * commits), held for the poll's transaction until it changes that case.
     */
    public void preloadOpenedBy(Collection<UUID> referralIds) {
        Set<UUID> referrals = new HashSet<>(referralIds);
        Map<UUID, CaseRegistryChanged> cases = new HashMap<>();
        jdbc.query(connection -> AnyOfIds.statement(connection, "select opened_by_referral_id, event from csc_case "
                + "where status = 'OPEN' and opened_by_referral_id = any(?) order by case_id for update", referrals),
                (RowCallbackHandler) rs -> cases.put(rs.getObject(1, UUID.class),
                        StoredEvents.decode(rs.getBytes(2), CaseRegistryChanged.class)));
        openedBy.hold(referrals, cases);
    }

    /**
     * The child's open case in this authority, for later referrals about the same child: the case triage named when
     * there is one and it is still open, else the case open under the key the child was referred under.
     */
    public Optional<OpenCase> openCaseOf(String localAuthority, UUID caseId, String childKey) {
        Optional<OpenCase> named = caseId == null ? Optional.empty()
                : openCaseWhere("case_id = ? and local_authority = ?", caseId, localAuthority);
        return named.or(() -> openCaseWhere("local_authority = ? and child_key = ?", localAuthority, childKey));
    }

    /**
     * Records that a referral sent to the team of the child's allocated social worker relies on the child's open
     * case, so that the case is not closed under it when the referral that opened it leaves Children's Social Care.
     */
    public void relyOn(UUID caseId, UUID referralId) {
        jdbc.update("insert into csc_case_referral (case_id, referral_id) values (?, ?) on conflict do nothing", caseId,
                referralId);
    }

    /**
     * Brings the registry in line with where a referral now is. A case the referral opened and no longer needs is
     * handed to another referral about the child that is with Children's Social Care and relies on it, if there is
     * one, rather than closed under that referral.
     *
     * @param outcome the outcome that moved the referral
     * @param cscTeam the Children's Social Care team the referral is now with, or empty when it is not with one
     * @param cscTeamOf the Children's Social Care team another referral is with now, if it is with one
     */
    public List<CaseRegistryChanged> afterRouting(TriageOutcomeIssued outcome, Optional<String> cscTeam,
            Function<UUID, Optional<String>> cscTeamOf) {
        UUID referralId = outcome.getReferralId();
        Optional<CaseRegistryChanged> openedByReferral = openedBy.holds(referralId)
                ? Optional.ofNullable(openedBy.value(referralId))
                : openCase("opened_by_referral_id = ?", referralId);
        String decision = "decision changed: outcome v" + outcome.getOutcomeVersion() + " " + outcome.getOutcome();
        if (cscTeam.isEmpty()) {
            return openedByReferral.map(open -> List.of(handOverOrClose(open, referralId, decision, cscTeamOf)))
                    .orElse(List.of());
        }
        String team = cscTeam.get();
        if (openedByReferral.isPresent()) {
            CaseRegistryChanged open = openedByReferral.get();
            return open.getAllocatedTeam().equals(team) ? List.of()
                    : List.of(update(open, CaseStatus.OPEN, team, null, referralId, "CASE_TEAM_CHANGED", decision));
        }
        String authority = outcome.getReferral().getLocalAuthority();
        Optional<CaseRegistryChanged> alreadyOpen = openCase("local_authority = ? and child_key = ?", authority,
                outcome.getChildKey());
        if (alreadyOpen.isPresent()) {
            relyOn(alreadyOpen.get().getCaseId(), referralId);
            audit.record("CASE_ALREADY_OPEN", referralId, "child's case " + alreadyOpen.get().getCaseId()
                    + " is already open, allocated to " + alreadyOpen.get().getAllocatedTeam());
            return List.of();
        }
        return List.of(open(outcome, referralId, authority, team));
    }

    /**
     * Allocates a named social worker to an open case.
     *
     * @return the changed entry, or empty when that worker is already allocated
     */
    public Optional<CaseRegistryChanged> allocate(UUID caseId, String socialWorker) {
        jdbc.query("select case_id from csc_case where case_id = ? for update", (rs, n) -> null, caseId);
        CaseRegistryChanged current = entry(caseId);
        if (current.getStatus() != CaseStatus.OPEN) {
            throw new CaseClosedException(caseId);
        }
        if (socialWorker.equals(current.getAllocatedSocialWorker())) {
            audit.record("CASE_ALLOCATION_UNCHANGED", current.getOpenedByReferralId(),
                    "case " + caseId + " already allocated to " + socialWorker);
            return Optional.empty();
        }
        return Optional.of(update(current, CaseStatus.OPEN, current.getAllocatedTeam(), socialWorker,
                current.getOpenedByReferralId(), "SOCIAL_WORKER_ALLOCATED",
                "case " + caseId + " in " + current.getAllocatedTeam() + " allocated to " + socialWorker));
    }

    /** The case's current registry entry. */
    public CaseRegistryChanged entry(UUID caseId) {
        return jdbc.query("select event from csc_case where case_id = ?",
                (rs, n) -> StoredEvents.decode(rs.getBytes(1), CaseRegistryChanged.class), caseId).stream()
                .findFirst().orElseThrow(() -> new CaseNotFoundException(caseId));
    }

    private CaseRegistryChanged open(TriageOutcomeIssued outcome, UUID referralId, String authority, String team) {
        openedBy.forget(referralId);
        Instant now = clock.instant();
        CaseRegistryChanged opened = CaseRegistryChanged.newBuilder()
                .setEventId(UUID.randomUUID())
                .setCaseId(TimeOrderedIds.next())
                .setStatus(CaseStatus.OPEN)
                .setOccurredAt(now)
                .setOpenedAt(now)
                .setOpenedByReferralId(referralId)
                .setLocalAuthority(authority)
                .setAllocatedTeam(team)
                .setAllocatedSocialWorker(null)
                .setChildKey(outcome.getChildKey())
                .setChild(outcome.getReferral().getChild())
                .build();
        jdbc.update("insert into csc_case (case_id, local_authority, child_key, status, opened_at, "
                + "opened_by_referral_id, allocated_team, updated_at, event) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                opened.getCaseId(), authority, outcome.getChildKey(), CaseStatus.OPEN.name(),
                Timestamp.from(now), referralId, team, Timestamp.from(now), StoredEvents.encode(opened));
        audit.record("CASE_OPENED", referralId, "case " + opened.getCaseId() + " opened, allocated to " + team);
        return opened;
    }

    private CaseRegistryChanged update(CaseRegistryChanged current, CaseStatus status, String team,
            String socialWorker, UUID referralId, String action, String why) {
        openedBy.forget(current.getOpenedByReferralId());
        Instant now = clock.instant();
        CaseRegistryChanged changed = CaseRegistryChanged.newBuilder(current)
                .setEventId(UUID.randomUUID())
                .setStatus(status)
                .setOccurredAt(now)
                .setAllocatedTeam(team)
                .setAllocatedSocialWorker(socialWorker)
                .build();
        jdbc.update("update csc_case set status = ?, allocated_team = ?, allocated_social_worker = ?, "
                + "opened_by_referral_id = ?, updated_at = ?, event = ? where case_id = ?", status.name(), team,
                socialWorker, changed.getOpenedByReferralId(), Timestamp.from(now), StoredEvents.encode(changed),
                current.getCaseId());
        audit.record(action, referralId, why);
        return changed;
    }

    private CaseRegistryChanged handOverOrClose(CaseRegistryChanged open, UUID referralId, String decision,
            Function<UUID, Optional<String>> cscTeamOf) {
        for (UUID other : jdbc.queryForList("select referral_id from csc_case_referral where case_id = ? "
                + "and referral_id <> ? order by referral_id desc", UUID.class, open.getCaseId(), referralId)) {
            Optional<String> team = cscTeamOf.apply(other);
            if (team.isPresent()) {
                return handOver(open, other, team.get(), referralId, decision);
            }
        }
        return update(open, CaseStatus.CLOSED, open.getAllocatedTeam(), open.getAllocatedSocialWorker(), referralId,
                "CASE_CLOSED", decision);
    }

    private CaseRegistryChanged handOver(CaseRegistryChanged open, UUID to, String team, UUID from, String decision) {
        openedBy.forget(from);
        String socialWorker = team.equals(open.getAllocatedTeam()) ? open.getAllocatedSocialWorker() : null;
        return update(CaseRegistryChanged.newBuilder(open).setOpenedByReferralId(to).build(), CaseStatus.OPEN, team,
                socialWorker, from, "CASE_HANDED_OVER",
                decision + "; case " + open.getCaseId() + " kept open for referral " + to + ", with " + team);
    }

    private Optional<OpenCase> openCaseWhere(String condition, Object... arguments) {
        return jdbc.query("select case_id, allocated_team from csc_case where " + condition + " and status = 'OPEN'",
                (rs, n) -> new OpenCase(rs.getObject(1, UUID.class), rs.getString(2)), arguments).stream()
                .findFirst();
    }

    private Optional<CaseRegistryChanged> openCase(String condition, Object... arguments) {
        return jdbc.query("select event from csc_case where status = 'OPEN' and " + condition + " for update",
                (rs, n) -> StoredEvents.decode(rs.getBytes(1), CaseRegistryChanged.class), arguments).stream()
                .findFirst();
    }
}
