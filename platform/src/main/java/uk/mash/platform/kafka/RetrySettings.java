package uk.mash.platform.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a failing record is retried before it goes to its dead-letter topic.
 *
 * @param maxAttempts attempts before dead-lettering
 * @param initialInterval first back-off
 * @param multiplier growth of the back-off
 * @param maxInterval longest back-off
 */
@ConfigurationProperties("referrals.kafka.retry")
public record RetrySettings(
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("200ms") Duration initialInterval,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("2s") Duration maxInterval) {
}
