package uk.mash.notify.operations;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of what operations watch, bound from {@code referrals.operations.*}.
 *
 * @param consumerGroups the pipeline's consumer groups whose lag is measured, each with the topics it consumes: those
 *        are measured even before the group has committed anything on them, as when a service stops before it has
 *        handled its first record (application.yml lists the four services')
 * @param lagInterval how often consumer lag is read
 * @param lagTimeout how long one reading may wait for the broker before it is given up and reported as failed
 * @param lagAgeWarning how old the oldest waiting record of a group may be before the operations page shows it behind
 * @param republishGroup the consumer group whose offsets on the dead-letter topics mark what operations republished
 * @param republishTransactionalId the transactional id that republishes dead letters: one per notifier instance
 */
@ConfigurationProperties("referrals.operations")
public record OperationsSettings(
        Map<String, List<String>> consumerGroups,
        @DefaultValue("15s") Duration lagInterval,
        @DefaultValue("10s") Duration lagTimeout,
        @DefaultValue("5m") Duration lagAgeWarning,
        @DefaultValue("operations-dead-letter-republish") String republishGroup,
        @DefaultValue("notification-service-operations-republish") String republishTransactionalId) {

    public OperationsSettings {
        consumerGroups = consumerGroups == null ? Map.of() : consumerGroups;
    }
}
