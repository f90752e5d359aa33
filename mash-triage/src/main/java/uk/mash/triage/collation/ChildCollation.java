package uk.mash.triage.collation;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.mash.events.CaseRegistryChanged;
import uk.mash.events.Child;
import uk.mash.events.ReferralReceived;
import uk.mash.triage.TriageSettings;
import uk.mash.triage.rules.ReferralFacts;

/**
 * Matches each referral's child to the children triage has seen, keeps the child's referral history, and tells
 * triage whether the child has an allocated social worker in the referral's local authority (and on which case) and
 * whether several agencies' concerns within the window should be taken together (seed 002, "Sources of Support":
 * calls of concern "that when taken together might indicate a risk of significant harm").
 */
@Service
public class ChildCollation {

    private final ChildIdentifiers identifiers;
    private final ChildRecords records;
    private final TriageSettings.Collation settings;

    ChildCollation(ChildIdentifiers identifiers, ChildRecords records, TriageSettings settings) {
        this.identifiers = identifiers;
        this.records = records;
        this.settings = settings.collation();
    }

    /**
     * Reads, for the rest of the poll's transaction, the children its referrals may be about and their referrals
     * within the window, in a few statements for the whole poll rather than a few for each referral.
     */
    @Transactional
    public void prepareReferrals(List<ReferralReceived> poll) {
        poll.stream().map(ReferralReceived::getReceivedAt).min(Comparator.naturalOrder())
                .ifPresent(earliest -> records.preload(keysOf(poll.stream().map(r -> r.getReferral().getChild())),
                        earliest.minus(settings.window())));
    }

    /** Reads, for the rest of the poll's transaction, the children its case registry changes are about. */
    @Transactional
    public void prepareCases(List<CaseRegistryChanged> poll) {
        records.preload(keysOf(poll.stream().map(CaseRegistryChanged::getChild)), null);
    }

    @Transactional
    public ChildContext recordReferral(ReferralReceived received) {
        UUID childId = records.resolve(identifiers.of(received.getReferral().getChild()));
        ChildRecords.ChildHistory history = records.addReferral(childId, received.getReferralId(),
                received.getReferral().getReferrer().getAgencyCode(), received.getReferral().getLocalAuthority(),
                received.getReceivedAt(), received.getReceivedAt().minus(settings.window()));
        ReferralFacts.CollatedConcerns collated = history.agencies() >= settings.minimumAgencies()
                ? new ReferralFacts.CollatedConcerns(history.referrals(), history.agencies(),
                        describe(settings.window()))
                : null;
        return new ChildContext(childId, history.allocatedWorker(), collated);
    }

    /** Keeps triage's copy of the case registry. */
    @Transactional
    public void recordCase(CaseRegistryChanged change) {
        records.upsertCase(records.resolve(identifiers.of(change.getChild())), change);
    }

    private List<ChildIdentifiers.Keys> keysOf(Stream<Child> children) {
        return children.map(identifiers::of).toList();
    }

    private static String describe(Duration window) {
        return window.toDays() > 0 && window.equals(Duration.ofDays(window.toDays()))
                ? window.toDays() + " days"
                : window.toString();
    }
}
