package uk.mash.notify.sla;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The time from a referral's receipt to its referrer being told, measured when its SLA clock stops: once the last of
 * its email and webhook messages is delivered, or at once for an agency told by the event alone. Measured when the
 * notification was merely recorded, it read healthy throughout an email or webhook outage while referrers waited for
 * hours, and counted referrers the MASH had no way to tell. A clock stops once, so a later outcome version told after
 * it adds nothing: this is the time to the first outcome the referrer was told, as the SLA has it. A stop is measured
 * when its transaction commits, so that one rolled back and done again is measured once.
 */
final class TimeToNotify {

    private final Timer timer;

    TimeToNotify(MeterRegistry meters) {
        this.timer = Timer.builder("referrals.time.to.notify")
                .description("From receipt of a referral to its referrer being told an outcome on every channel")
                .publishPercentileHistogram()
                // past the longest deadlines (over four days at Easter and Christmas), so a referral told late still reads
                .maximumExpectedValue(Duration.ofDays(7))
                .register(meters);
    }

    /** Clocks the current transaction stopped, each this many microseconds after its referral's receipt. */
    void stopped(List<Long> microsSinceReceipt) {
        if (microsSinceReceipt.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            record(microsSinceReceipt);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                record(microsSinceReceipt);
            }
        });
    }

    private void record(List<Long> microsSinceReceipt) {
        microsSinceReceipt.forEach(micros -> timer.record(Duration.of(micros, ChronoUnit.MICROS)));
    }
}
