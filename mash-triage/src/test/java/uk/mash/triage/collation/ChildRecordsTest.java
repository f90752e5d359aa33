package uk.mash.triage.collation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.platform.testing.ServiceDatabase;

/** A child's referral history over real PostgreSQL, as collation counts it. */
class ChildRecordsTest {

    private static final Instant MONDAY = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(30);
    private static final String PETERBOROUGH = "peterborough";

    @RegisterExtension
    static final ServiceDatabase database = ServiceDatabase.forTests("triage");
    private static JdbcTemplate jdbc;
    private static ChildRecords records;

    @BeforeAll
    static void connectChildRecords() {
        jdbc = database.jdbc();
        records = new ChildRecords(jdbc);
    }

    @Test
    void eachReferralWithinTheWindowCountsOnceWithItsAgency() {
        UUID child = aChild();
        add(child, "SCHOOL-0001", MONDAY.minus(Duration.ofDays(40)));
        add(child, "POLICE-0001", MONDAY.minus(Duration.ofDays(2)));
        add(child, "POLICE-0001", MONDAY.minus(Duration.ofDays(1)));

        ChildRecords.ChildHistory history = add(child, "HEALTH-0001", MONDAY);

        assertThat(history.referrals()).as("the school's referral is older than the window").isEqualTo(3);
        assertThat(history.agencies()).isEqualTo(2);
        assertThat(history.allocatedWorker()).isEmpty();
    }

    @Test
    void aReferralAddedAgainIsStillCountedOnce() {
        UUID child = aChild();
        add(child, "SCHOOL-0001", MONDAY.minus(Duration.ofDays(1)));
        UUID referral = aReferral(MONDAY);
        records.addReferral(child, referral, "POLICE-0001", PETERBOROUGH, MONDAY, MONDAY.minus(WINDOW));

        ChildRecords.ChildHistory again = records.addReferral(child, referral, "POLICE-0001", PETERBOROUGH,
                MONDAY, MONDAY.minus(WINDOW));

        assertThat(again.referrals()).isEqualTo(2);
        assertThat(again.agencies()).isEqualTo(2);
    }

    @Test
    void theSocialWorkerOfTheChildsOpenCaseIsAnsweredWithTheHistoryAndTheCase() {
        UUID child = aChild();
        UUID caseId = anOpenCase(child, PETERBOROUGH, "csc-assessment-peterborough", "Sam Worker");

        ChildRecords.ChildHistory history = add(child, "POLICE-0001", MONDAY);

        assertThat(history.referrals()).isEqualTo(1);
        assertThat(history.allocatedWorker())
                .isEqualTo(Optional.of(new AllocatedWorker(caseId, "Sam Worker", "csc-assessment-peterborough")));
    }

    @Test
    void aCaseOpenInAnotherLocalAuthorityIsNotTheReferralsAllocatedWorker() {
        UUID child = aChild();
        anOpenCase(child, "cambridgeshire", "csc-assessment-cambridgeshire", "Kit Worker");

        ChildRecords.ChildHistory history = add(child, "POLICE-0001", MONDAY);

        assertThat(history.allocatedWorker()).isEmpty();
    }

    @Test
    void eachLocalAuthoritysReferralIsAnsweredWithItsOwnCaseInOnePoll() {
        UUID child = aChild();
        ChildIdentifiers.Keys keys = keysOf(child);
        UUID peterboroughCase = anOpenCase(child, PETERBOROUGH, "csc-assessment-peterborough", "Sam Worker");
        UUID cambridgeshireCase = anOpenCase(child, "cambridgeshire", "csc-assessment-cambridgeshire", "Kit Worker");

        List<ChildRecords.ChildHistory> histories = inOnePoll(List.of(keys, keys), () -> List.of(
                records.addReferral(child, aReferral(MONDAY), "POLICE-0001", PETERBOROUGH, MONDAY,
                        MONDAY.minus(WINDOW)),
                records.addReferral(child, aReferral(MONDAY), "HEALTH-0001", "cambridgeshire", MONDAY,
                        MONDAY.minus(WINDOW))));

        assertThat(histories).extracting(history -> history.allocatedWorker().orElseThrow().caseId())
                .containsExactly(peterboroughCase, cambridgeshireCase);
    }

    @Test
    void aChildIsKnownAgainByNhsNumberWhateverTheirDemographics() {
        UUID child = records.resolve(new ChildIdentifiers.Keys("nhs-known", "demographics-then"));

        assertThat(records.resolve(new ChildIdentifiers.Keys("nhs-known", "demographics-now"))).isEqualTo(child);
    }

    @Test
    void aChildFirstSeenWithoutAnNhsNumberGainsItFromALaterReferral() {
        UUID child = records.resolve(new ChildIdentifiers.Keys(null, "demographics-gaining"));

        assertThat(records.resolve(new ChildIdentifiers.Keys("nhs-gained", "demographics-gaining"))).isEqualTo(child);
        assertThat(records.resolve(new ChildIdentifiers.Keys("nhs-gained", "demographics-elsewhere")))
                .isEqualTo(child);
    }

    @Test
    void twoDifferentNhsNumbersAreNeverTheSameChild() {
        UUID first = records.resolve(new ChildIdentifiers.Keys("nhs-first", "demographics-shared"));

        assertThat(records.resolve(new ChildIdentifiers.Keys("nhs-second", "demographics-shared")))
                .isNotEqualTo(first);
    }

    @Test
    void demographicsAloneMatchOnlyAChildTheyIdentifyUniquely() {
        UUID child = records.resolve(new ChildIdentifiers.Keys(null, "demographics-once"));
        assertThat(records.resolve(new ChildIdentifiers.Keys(null, "demographics-once"))).isEqualTo(child);

        records.resolve(new ChildIdentifiers.Keys("nhs-twin", "demographics-twins"));
        records.resolve(new ChildIdentifiers.Keys("nhs-other-twin", "demographics-twins"));
        UUID unnumbered = records.resolve(new ChildIdentifiers.Keys(null, "demographics-twins"));

        assertThat(records.resolve(new ChildIdentifiers.Keys(null, "demographics-twins")))
                .as("two children share these demographics: a new record rather than a guess")
                .isNotEqualTo(unnumbered);
    }

    @Test
    void aChildWhoHasMovedIsFoundAtTheNewAddressByAReferralWithoutTheNhsNumber() {
        String nhs = "nhs-" + UUID.randomUUID();
        String oldAddress = "demographics-" + UUID.randomUUID();
        String newAddress = "demographics-" + UUID.randomUUID();
        UUID child = records.resolve(new ChildIdentifiers.Keys(nhs, oldAddress));
        assertThat(records.resolve(new ChildIdentifiers.Keys(nhs, newAddress))).isEqualTo(child);

        assertThat(records.resolve(new ChildIdentifiers.Keys(null, newAddress))).isEqualTo(child);
        assertThat(records.resolve(new ChildIdentifiers.Keys(null, oldAddress))).isEqualTo(child);
    }

    @Test
    void theNewAddressOfAChildCreatedEarlierInThePollIsWrittenWithTheChild() {
        String nhs = "nhs-" + UUID.randomUUID();
        ChildIdentifiers.Keys school = new ChildIdentifiers.Keys(nhs, "demographics-" + UUID.randomUUID());
        ChildIdentifiers.Keys health = new ChildIdentifiers.Keys(nhs, "demographics-" + UUID.randomUUID());

        UUID child = inOnePoll(List.of(school, health), () -> {
            UUID created = records.resolve(school);
            assertThat(records.resolve(health)).isEqualTo(created);
            return created;
        });

        ChildIdentifiers.Keys police = new ChildIdentifiers.Keys(null, health.demographics());
        assertThat(inOnePoll(List.of(police), () -> records.resolve(police))).isEqualTo(child);
    }

    @Test
    void demographicsAnotherChildHasStayThatChildsAlone() {
        String demographics = "demographics-" + UUID.randomUUID();
        UUID unnumbered = records.resolve(new ChildIdentifiers.Keys(null, demographics));
        String nhs = "nhs-" + UUID.randomUUID();
        UUID numbered = records.resolve(new ChildIdentifiers.Keys(nhs, "demographics-" + UUID.randomUUID()));

        assertThat(records.resolve(new ChildIdentifiers.Keys(nhs, demographics))).isEqualTo(numbered);

        assertThat(records.resolve(new ChildIdentifiers.Keys(null, demographics)))
                .as("still the one child referred under them first: shared, they would match neither")
                .isEqualTo(unnumbered);
    }

    @Test
    void referralsOfOnePollAboutOneNewChildSeeEachOtherAndTheChildIsWrittenOnce() {
        ChildIdentifiers.Keys keys = new ChildIdentifiers.Keys("nhs-" + UUID.randomUUID(), "demographics-poll");
        UUID school = aReferral(MONDAY);
        UUID police = aReferral(MONDAY.plusSeconds(60));

        ChildRecords.ChildHistory second = inOnePoll(List.of(keys, keys), () -> {
            UUID child = records.resolve(keys);
            records.addReferral(child, school, "SCHOOL-0001", PETERBOROUGH, MONDAY, MONDAY.minus(WINDOW));
            assertThat(records.resolve(keys)).isEqualTo(child);
            return records.addReferral(child, police, "POLICE-0001", PETERBOROUGH, MONDAY.plusSeconds(60),
                    MONDAY.plusSeconds(60).minus(WINDOW));
        });

        assertThat(second.referrals()).isEqualTo(2);
        assertThat(second.agencies()).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from child where nhs_hash = ?", Integer.class, keys.nhs()))
                .isEqualTo(1);
        assertThat(jdbc.queryForList("select referral_id from child_referral where child_id = ?", UUID.class,
                records.resolve(keys))).containsExactlyInAnyOrder(school, police);
    }

    @Test
    void aPollCountsTheHistoryWrittenBeforeItWithinTheWindowOnly() {
        UUID child = aChild();
        ChildIdentifiers.Keys keys = keysOf(child);
        add(child, "SCHOOL-0001", MONDAY.minus(Duration.ofDays(40)));
        add(child, "POLICE-0001", MONDAY.minus(Duration.ofDays(2)));
        UUID health = aReferral(MONDAY);

        ChildRecords.ChildHistory history = inOnePoll(List.of(keys), () -> records.addReferral(records.resolve(keys),
                health, "HEALTH-0001", PETERBOROUGH, MONDAY, MONDAY.minus(WINDOW)));

        assertThat(history.referrals()).as("the school's referral is older than the window").isEqualTo(2);
        assertThat(history.agencies()).isEqualTo(2);
    }

    @Test
    void aChildCreatedEarlierInThePollGainsTheNhsNumberOfALaterReferral() {
        ChildIdentifiers.Keys unnumbered = new ChildIdentifiers.Keys(null, "demographics-" + UUID.randomUUID());
        ChildIdentifiers.Keys numbered = new ChildIdentifiers.Keys("nhs-" + UUID.randomUUID(),
                unnumbered.demographics());

        UUID child = inOnePoll(List.of(unnumbered, numbered), () -> {
            UUID created = records.resolve(unnumbered);
            assertThat(records.resolve(numbered)).isEqualTo(created);
            return created;
        });

        assertThat(records.resolve(new ChildIdentifiers.Keys(numbered.nhs(), "demographics-elsewhere")))
                .isEqualTo(child);
    }

    @Test
    void aNewChildsHistoryWrittenBeforeTheChildInThePollIsCheckedAtCommit() {
        UUID known = aChild();
        ChildIdentifiers.Keys knownKeys = keysOf(known);
        ChildIdentifiers.Keys newKeys = new ChildIdentifiers.Keys("nhs-" + UUID.randomUUID(), null);
        UUID first = aReferral(MONDAY);
        UUID second = aReferral(MONDAY);

        UUID created = inOnePoll(List.of(knownKeys, newKeys), () -> {
            records.addReferral(records.resolve(knownKeys), first, "SCHOOL-0001", PETERBOROUGH, MONDAY,
                    MONDAY.minus(WINDOW));
            UUID child = records.resolve(newKeys);
            records.addReferral(child, second, "SCHOOL-0001", PETERBOROUGH, MONDAY, MONDAY.minus(WINDOW));
            return child;
        });

        assertThat(jdbc.queryForObject("select child_id from child_referral where referral_id = ?", UUID.class,
                second)).isEqualTo(created);
    }

    @Test
    void aPollRolledBackLeavesNoChildBehind() {
        ChildIdentifiers.Keys keys = new ChildIdentifiers.Keys("nhs-" + UUID.randomUUID(), null);
        TransactionTemplate poll = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));

        poll.executeWithoutResult(status -> {
            records.preload(List.of(keys), MONDAY.minus(WINDOW));
            records.resolve(keys);
            status.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("select count(*) from child where nhs_hash = ?", Integer.class, keys.nhs()))
                .isZero();
    }

    private static ChildRecords.ChildHistory add(UUID child, String agency, Instant receivedAt) {
        return records.addReferral(child, aReferral(receivedAt), agency, PETERBOROUGH, receivedAt,
                receivedAt.minus(WINDOW));
    }

    @Test
    void twoInstancesMeetingOneChildAtOnceFromTwoPartitionsMakeOneChild() throws Exception {
        String demographics = "demographics-" + UUID.randomUUID();
        ChildIdentifiers.Keys withNhsNumber = new ChildIdentifiers.Keys("nhs-" + UUID.randomUUID(), demographics);
        ChildIdentifiers.Keys withoutNhsNumber = new ChildIdentifiers.Keys(null, demographics);
        CompletableFuture<Void> firstResolved = new CompletableFuture<>();
        CompletableFuture<Void> secondStarted = new CompletableFuture<>();
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            Future<UUID> first = instances.submit(() -> inOnePoll(List.of(withNhsNumber), () -> {
                UUID child = records.resolve(withNhsNumber);
                firstResolved.complete(null);
                secondStarted.join();
                sleepThroughTheSecondsRead();
                return child;
            }));
            firstResolved.join();
            Future<UUID> second = instances.submit(() -> {
                secondStarted.complete(null);
                return inOnePoll(List.of(withoutNhsNumber), () -> records.resolve(withoutNhsNumber));
            });

            assertThat(second.get()).isEqualTo(first.get());
        }
        finally {
            instances.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from child where demographic_hash = ?", Integer.class,
                demographics)).isOne();
    }

    /** Long enough for the second instance to have read the children, had nothing held it back. */
    private static void sleepThroughTheSecondsRead() {
        try {
            Thread.sleep(500);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code work} as a poll of referrals with these keys is handled: in one transaction, read at its start. */
    private static <T> T inOnePoll(List<ChildIdentifiers.Keys> keys, Supplier<T> work) {
        return new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())).execute(status -> {
            records.preload(keys, MONDAY.minus(WINDOW));
            return work.get();
        });
    }

    private static ChildIdentifiers.Keys keysOf(UUID child) {
        return jdbc.queryForObject("select nhs_hash, demographic_hash from child where child_id = ?",
                (rs, n) -> new ChildIdentifiers.Keys(rs.getString(1), rs.getString(2)), child);
    }

    private static UUID anOpenCase(UUID child, String localAuthority, String team, String socialWorker) {
        UUID caseId = UUID.randomUUID();
        jdbc.update("insert into case_registry (case_id, child_id, status, local_authority, allocated_team, "
                + "allocated_social_worker, occurred_at) values (?, ?, 'OPEN', ?, ?, ?, ?)", caseId, child,
                localAuthority, team, socialWorker, Timestamp.from(MONDAY.minus(Duration.ofDays(3))));
        return caseId;
    }

    private static UUID aChild() {
        return records.resolve(new ChildIdentifiers.Keys("nhs-" + UUID.randomUUID(), "demographics"));
    }

    private static UUID aReferral(Instant receivedAt) {
        UUID referralId = UUID.randomUUID();
        jdbc.update("insert into referral (referral_id, child_key, local_authority, received_at, source_partition, "
                + "source_offset) values (?, 'child-key', 'peterborough', ?, 0, 0)", referralId,
                Timestamp.from(receivedAt));
        return referralId;
    }
}
