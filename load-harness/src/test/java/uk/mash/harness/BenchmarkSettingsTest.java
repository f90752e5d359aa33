package uk.mash.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class BenchmarkSettingsTest {

    @Test
    void optionsOverrideTheDefaultsAndTheCommandRepeatsTheRun() {
        BenchmarkSettings settings = BenchmarkSettings.fromArguments("--referrals", "2000", "--run-seconds", "10",
                "--mix", "my-mix.csv");

        assertThat(settings.referrals()).isEqualTo(2000);
        assertThat(settings.runSeconds()).isEqualTo(10);
        assertThat(settings.mix()).isEqualTo(Path.of("my-mix.csv"));
        assertThat(settings.warmUp()).isEqualTo(BenchmarkSettings.defaults().warmUp());
        assertThat(settings.command()).isEqualTo("./run-benchmark.sh --referrals 2000 --warm-up 10000 --run-seconds 10 "
                + "--rest-rate 20 --rest-seconds 15 --mix my-mix.csv");
    }

    @Test
    void statementStatisticsAreOffUnlessAskedForAndThenPartOfTheCommand() {
        assertThat(BenchmarkSettings.defaults().statements()).isZero();

        BenchmarkSettings settings = BenchmarkSettings.fromArguments("--statements", "15");

        assertThat(settings.statements()).isEqualTo(15);
        assertThat(settings.command()).endsWith("--rest-seconds 15 --statements 15");
        assertThatThrownBy(() -> BenchmarkSettings.fromArguments("--statements", "-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownOptionIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> BenchmarkSettings.fromArguments("--referals", "10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown option --referals")
                .hasMessageContaining("--referrals N");
    }

    @Test
    void aRunThatCannotBeMadeExitsWithTwoBeforeStartingAnything() {
        assertThat(BenchmarkMain.run("--referrals", "0")).isEqualTo(2);
    }
}
