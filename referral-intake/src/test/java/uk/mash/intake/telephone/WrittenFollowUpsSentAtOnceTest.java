package uk.mash.intake.telephone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.mash.events.FollowUpStatus;
import uk.mash.events.ReferralSubmitted;
import uk.mash.intake.IntakeDecision;
import uk.mash.intake.IntakeServiceTest;
import uk.mash.intake.ReferralIntake;
import uk.mash.intake.Submissions;
import uk.mash.intake.validation.Violation;

/**
 * Sendings that race one another over real PostgreSQL: the database, not a look before writing, keeps one written
 * follow-up to a telephone referral and one Idempotency-Key to one submission.
 */
@IntakeServiceTest
class WrittenFollowUpsSentAtOnceTest {

    @Autowired
    ReferralIntake intake;

    @Autowired
    TelephoneFollowUps followUps;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void twoDifferentWrittenFollowUpsSentAtOnceStoreOneAndTheOtherIsRefused() throws Exception {
        UUID referralId = telephoned("AT-ONCE-FOLLOW-UPS-1");
        ReferralSubmitted first = Submissions.aValidReferral().withAgencyReference("AT-ONCE-FOLLOW-UPS-1")
                .withImmediateRiskOfSignificantHarm().build();
        ReferralSubmitted second = Submissions.aValidReferral().withAgencyReference("AT-ONCE-FOLLOW-UPS-1")
                .withSupportAlreadyProvided("Breakfast club since September.").build();

        IntakeDecision[] decisions = whileCommitting(() -> intake.accept(first, null),
                () -> intake.accept(second, null));

        assertThat(decisions[0]).isInstanceOf(IntakeDecision.Accepted.class);
        assertThat(decisions[1]).isInstanceOfSatisfying(IntakeDecision.Conflicting.class,
                conflicting -> assertThat(conflicting.violations()).extracting(Violation::code, Violation::field)
                        .containsExactly(tuple("ALREADY_USED", "agencyReference")));
        assertThat(jdbc.queryForObject("select count(*) from written_follow_up where referral_id = ?", Integer.class,
                referralId)).isEqualTo(1);
    }

    @Test
    void writtenFollowUpRacingAnotherReferralForItsIdempotencyKeyIsRefusedNamingTheHeader() throws Exception {
        UUID referralId = telephoned("AT-ONCE-KEY-1");
        ReferralSubmitted another = Submissions.aValidReferral().withAgencyReference("AT-ONCE-KEY-2").build();
        ReferralSubmitted written = Submissions.aValidReferral().withAgencyReference("AT-ONCE-KEY-1")
                .withImmediateRiskOfSignificantHarm().build();

        IntakeDecision[] decisions = whileCommitting(() -> intake.accept(another, "at-once-key-1"),
                () -> intake.accept(written, "at-once-key-1"));

        assertThat(decisions[0]).isInstanceOf(IntakeDecision.Accepted.class);
        assertThat(decisions[1]).isInstanceOfSatisfying(IntakeDecision.Conflicting.class,
                conflicting -> assertThat(conflicting.violations()).extracting(Violation::code, Violation::field)
                        .containsExactly(tuple("ALREADY_USED", "Idempotency-Key")));
        assertThat(jdbc.queryForObject("select count(*) from written_follow_up where referral_id = ?", Integer.class,
                referralId)).isZero();
        assertThat(followUps.find(referralId)).get().extracting(FollowUp::status).isEqualTo(FollowUpStatus.AWAITED);
    }

    /**
     * The first sending's decision, made in a transaction held open until the second is waiting on what the first
     * wrote; then both decisions, in that order.
     */
    private IntakeDecision[] whileCommitting(Supplier<IntakeDecision> firstSending,
            Supplier<IntakeDecision> secondSending) throws Exception {
        IntakeDecision[] decisions = new IntakeDecision[2];
        CountDownLatch firstDecided = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    decisions[0] = firstSending.get();
                    firstDecided.countDown();
                    awaitQuietly(commitFirst);
                }));
        assertThat(firstDecided.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<IntakeDecision> second = CompletableFuture.supplyAsync(secondSending);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from "
                + "pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
                Integer.class) > 0);
        commitFirst.countDown();
        first.get(30, TimeUnit.SECONDS);
        decisions[1] = second.get(30, TimeUnit.SECONDS);
        return decisions;
    }

    private UUID telephoned(String agencyReference) {
        IntakeDecision decision = intake.accept(Submissions.aValidReferral().withAgencyReference(agencyReference)
                .byTelephone().build(), null);
        return ((IntakeDecision.Accepted) decision).referral().referralId();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
