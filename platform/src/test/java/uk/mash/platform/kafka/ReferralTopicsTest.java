package uk.mash.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import uk.mash.platform.topics.TopicCatalogue;

class ReferralTopicsTest {

    @Test
    void topicsAreCreatedWithTheBrokersOwnReplicationFactorUnlessOneIsSet() throws IOException {
        List<NewTopic> shipped = topicsCreatedWith();

        assertThat(shipped).isNotEmpty().allSatisfy(topic -> {
            assertThat(topic.replicationFactor()).as(topic.name()).isEqualTo((short) -1);
            assertThat(topic.numPartitions()).isEqualTo(3);
        });
    }

    @Test
    void aReplicationFactorSetIsGivenToEveryTopicAndItsDeadLetterTopic() throws IOException {
        List<NewTopic> replicated = topicsCreatedWith(
                new MapPropertySource("environment", Map.of("KAFKA_TOPIC_REPLICATION_FACTOR", "3")));

        assertThat(replicated).extracting(NewTopic::name).contains("referrals.submitted.v1",
                "referrals.submitted.v1-dlt");
        assertThat(replicated).extracting(NewTopic::replicationFactor).containsOnly((short) 3);
        assertThat(replicated).filteredOn(topic -> topic.name().endsWith("-dlt"))
                .extracting(topic -> Optional.ofNullable(topic.configs()).orElse(Map.of()).get("retention.ms"))
                .containsOnly("-1");
    }

    /** The topics a service creates with the shipped settings and the given environment. */
    private static List<NewTopic> topicsCreatedWith(PropertySource<?>... environment) throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        List.of(environment).forEach(sources::addLast);
        new YamlPropertySourceLoader().load("platform", new ClassPathResource("referrals-platform.yml"))
                .forEach(sources::addLast);
        TopicCatalogue topics = new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources)).bindOrCreate("referrals.topics", TopicCatalogue.class);
        return PlatformKafkaAutoConfiguration.topicsToCreate(topics);
    }
}
