package uk.mash.triage.collation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import uk.mash.platform.testing.ServiceDatabase;

/** A child's referral history over real PostgreSQL, as collation counts it. */
class ChildRecordsTest {

    private static final Instant MONDAY = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(30);

    @TempDir
    static Path dataDir;

    private static ServiceDatabase database;
    private static JdbcTemplate jdbc;
    private static ChildRecords records;

    @BeforeAll
    static void startDatabase() {
        database = ServiceDatabase.migrated(dataDir, "triage");
        jdbc = database.jdbc();
        records = new ChildRecords(jdbc);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
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
        records.addReferral(child, referral, "POLICE-0001", MONDAY, MONDAY.minus(WINDOW));

        ChildRecords.ChildHistory again = records.addReferral(child, referral, "POLICE-0001", MONDAY,
                MONDAY.minus(WINDOW));

        assertThat(again.referrals()).isEqualTo(2);
        assertThat(again.agencies()).isEqualTo(2);
    }

    @Test
    void theSocialWorkerOfTheChildsOpenCaseIsAnsweredWithTheHistory() {
        UUID child = aChild();
        jdbc.update("insert into case_registry (case_id, child_id, status, local_authority, allocated_team, "
                + "allocated_social_worker, occurred_at) values (?, ?, 'OPEN', 'peterborough', ?, ?, ?)",
                UUID.randomUUID(), child, "csc-assessment-peterborough", "Sam Worker",
                Timestamp.from(MONDAY.minus(Duration.ofDays(3))));

        ChildRecords.ChildHistory history = add(child, "POLICE-0001", MONDAY);

        assertThat(history.referrals()).isEqualTo(1);
        assertThat(history.allocatedWorker())
                .isEqualTo(Optional.of(new AllocatedWorker("Sam Worker", "csc-assessment-peterborough")));
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

    private static ChildRecords.ChildHistory add(UUID child, String agency, Instant receivedAt) {
        return records.addReferral(child, aReferral(receivedAt), agency, receivedAt, receivedAt.minus(WINDOW));
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
