package uk.mash.triage.collation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import uk.mash.triage.collation.ChildRecords.ChildHistory;

/**
 * What one transaction knows of triage's children: those its keys were read for (all the children a poll's referrals
 * may be about, read at once), those it created, and their referrals back to a point in time, kept up to date with the
 * transaction's own changes so that two referrals about one child in a poll see each other before either is written.
 * It answers only for the keys and children it was read for, so that an unread key is never taken for an unknown
 * child.
 */
final class KnownChildren {

    private final Map<UUID, Child> children = new LinkedHashMap<>();
    private final Map<String, UUID> byNhs = new HashMap<>();
    private final Map<String, List<UUID>> byDemographics = new HashMap<>();
    private final Set<String> nhsRead = new HashSet<>();
    private final Set<String> demographicsRead = new HashSet<>();
    private final Map<UUID, History> histories = new HashMap<>();

    /** Whether every child these keys could match is known. */
    boolean covers(ChildIdentifiers.Keys keys) {
        return (keys.nhs() == null || nhsRead.contains(keys.nhs()))
                && (keys.demographics() == null || demographicsRead.contains(keys.demographics()));
    }

    /** These keys were read: every child with any of them has been {@link #found}. */
    void read(Set<String> nhs, Set<String> demographics) {
        nhsRead.addAll(nhs);
        demographicsRead.addAll(demographics);
    }

    /**
     * A child read from the database, once for each of its demographic keys read; one this transaction already knows
     * keeps what it knows, and gains the key.
     */
    void found(UUID childId, String nhs, String demographics) {
        Child known = children.get(childId);
        if (known == null) {
            index(new Child(childId, nhs), demographics);
        }
        else {
            indexDemographics(known, demographics);
        }
    }

    /** A child this transaction created: nothing else can know of it yet, so its whole history is known (none). */
    void created(UUID childId, String nhs, String demographics) {
        index(new Child(childId, nhs), demographics);
        histories.put(childId, new History(Instant.MIN, Map.of()));
    }

    /**
     * The child, found by NHS number, was referred under these demographics, which must have been {@link #read}: they
     * become another of its keys when no child has them yet, so that a referral without the NHS number finds the
     * child at a new address. Demographics another child already has stay that child's alone, since a key two
     * children share matches neither. Answers whether the child gained the key.
     */
    boolean referredUnder(UUID childId, String demographics) {
        if (demographics == null || byDemographics.containsKey(demographics)) {
            return false;
        }
        indexDemographics(children.get(childId), demographics);
        return true;
    }

    /**
     * The children these keys may identify: by NHS number, the one child with it and any child with the same
     * demographics and no NHS number; without one, every child with the same demographics.
     */
    List<Candidate> candidates(ChildIdentifiers.Keys keys) {
        List<Candidate> candidates = new ArrayList<>();
        if (keys.nhs() != null) {
            UUID numbered = byNhs.get(keys.nhs());
            if (numbered != null) {
                candidates.add(new Candidate(numbered, true));
            }
        }
        for (UUID childId : byDemographics.getOrDefault(keys.demographics(), List.of())) {
            Child child = children.get(childId);
            if (keys.nhs() == null || child.nhs == null) {
                candidates.add(new Candidate(childId, child.nhs != null));
            }
        }
        return candidates;
    }

    /** The child, known without an NHS number, was given this one. */
    void numbered(UUID childId, String nhs) {
        children.get(childId).nhs = nhs;
        byNhs.put(nhs, childId);
    }

    /** Whether the child's referrals are known from {@code from} on, with its allocated workers. */
    boolean knowsHistory(UUID childId, Instant from) {
        History history = histories.get(childId);
        return history != null && !from.isBefore(history.since);
    }

    /**
     * The child's referrals from {@code since} on, as read, and by local authority the allocated worker of its most
     * recently changed open case there; referrals this transaction added and the database does not have yet are kept.
     */
    void historyRead(UUID childId, Instant since, List<ChildReferral> referrals,
            Map<String, AllocatedWorker> workersByAuthority) {
        History before = histories.get(childId);
        History history = new History(before == null || since.isBefore(before.since) ? since : before.since,
                workersByAuthority);
        referrals.forEach(referral -> history.referrals.put(referral.referralId(), referral));
        if (before != null) {
            before.referrals.forEach(history.referrals::putIfAbsent);
        }
        histories.put(childId, history);
    }

    /**
     * Adds the referral to the child's history, whose referrals from {@code from} must be {@link #knowsHistory known},
     * and answers the referrals and distinct agencies about the child from {@code from} up to this referral's receipt
     * (this one included), counting a referral added twice once, with the allocated worker of the child's open case
     * in the referral's local authority.
     */
    Added add(UUID childId, ChildReferral referral, String localAuthority, Instant from) {
        History history = histories.get(childId);
        boolean added = history.referrals.putIfAbsent(referral.referralId(), referral) == null;
        List<ChildReferral> within = history.referrals.values().stream()
                .filter(earlier -> !earlier.receivedAt().isBefore(from)
                        && !earlier.receivedAt().isAfter(referral.receivedAt()))
                .toList();
        int agencies = (int) within.stream().map(ChildReferral::agencyCode).distinct().count();
        return new Added(added, new ChildHistory(within.size(), agencies,
                Optional.ofNullable(history.workersByAuthority.get(localAuthority))));
    }

    private void index(Child child, String demographics) {
        children.put(child.id, child);
        if (child.nhs != null) {
            byNhs.put(child.nhs, child.id);
        }
        indexDemographics(child, demographics);
    }

    private void indexDemographics(Child child, String demographics) {
        if (demographics != null && child.demographics.add(demographics)) {
            byDemographics.computeIfAbsent(demographics, key -> new ArrayList<>()).add(child.id);
        }
    }

    /** A child a referral may be about; {@code numbered} when known by an NHS number. */
    record Candidate(UUID childId, boolean numbered) {
    }

    record ChildReferral(UUID referralId, String agencyCode, Instant receivedAt) {
    }

    /** @param added whether the referral was new to the child's history, and so is to be written */
    record Added(boolean added, ChildHistory history) {
    }

    private static final class Child {

        private final UUID id;
        private final Set<String> demographics = new HashSet<>();
        private String nhs;

        Child(UUID id, String nhs) {
            this.id = id;
            this.nhs = nhs;
        }
    }

    private static final class History {

        private final Instant since;
        private final Map<String, AllocatedWorker> workersByAuthority;
        private final Map<UUID, ChildReferral> referrals = new LinkedHashMap<>();

        History(Instant since, Map<String, AllocatedWorker> workersByAuthority) {
            this.since = since;
            this.workersByAuthority = workersByAuthority;
        }
    }
}
