package uk.mash.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class PackVersionsTest {

    @Test
    void versionsAreComparedPartByPartAsNumbers() {
        assertThat(PackVersions.ORDER.compare("1.10.0", "1.9.0")).isPositive();
        assertThat(PackVersions.ORDER.compare("2.0.0", "10.0.0")).isNegative();
        assertThat(PackVersions.ORDER.compare("1.0.10", "1.0.9")).isPositive();
        assertThat(PackVersions.ORDER.compare("1.02.0", "1.2.0")).as("leading zeros").isZero();
    }

    @Test
    void aVersionWithMorePartsIsAfterTheOneItExtends() {
        assertThat(PackVersions.ORDER.compare("1.0.1", "1.0")).isPositive();
        assertThat(PackVersions.ORDER.compare("1.0", "1.0.0")).isNegative();
    }

    @Test
    void aPartThatIsNotANumberIsComparedAsText() {
        assertThat(PackVersions.ORDER.compare("1.0.0-rc2", "1.0.0-rc1")).isPositive();
        assertThat(PackVersions.ORDER.compare("1.1.0", "1.1.x")).isNegative();
    }

    @Test
    void theLatestOfSeveralVersionsIsTheHighestNumberedOne() {
        List<String> loaded = List.of("1.9.0", "1.10.0", "1.2.3", "1.10");

        assertThat(loaded.stream().max(PackVersions.ORDER)).contains("1.10.0");
        assertThat(Stream.of("0.9", "0.10", "0.2").sorted(PackVersions.ORDER).toList())
                .containsExactly("0.2", "0.9", "0.10");
    }
}
