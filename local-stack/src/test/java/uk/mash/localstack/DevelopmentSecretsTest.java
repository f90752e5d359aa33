package uk.mash.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentSecretsTest {

    @Test
    void theSecretsAreKeptWithTheStacksDataSoANewRunStillMatchesTheChildrenOfTheLast(@TempDir Path home) {
        DevelopmentSecrets firstRun = DevelopmentSecrets.keptIn(home.resolve("stack"));
        DevelopmentSecrets nextRun = DevelopmentSecrets.keptIn(home.resolve("stack"));

        assertThat(nextRun.arguments()).isEqualTo(firstRun.arguments());
    }

    @Test
    void everyStackAndEveryServiceHasASecretOfItsOwnOfAtLeast32Characters() {
        List<String> secrets = List.of(DevelopmentSecrets.fresh(), DevelopmentSecrets.fresh()).stream()
                .flatMap(stack -> stack.arguments().values().stream())
                .flatMap(List::stream)
                .map(argument -> argument.substring(argument.indexOf('=') + 1))
                .toList();

        assertThat(secrets).hasSize(4).doesNotHaveDuplicates()
                .allSatisfy(secret -> assertThat(secret).hasSizeGreaterThanOrEqualTo(32));
    }

    @Test
    void intakeIsGivenTheChildKeySecretAndTriageTheChildMatchingSecret() {
        assertThat(DevelopmentSecrets.fresh().arguments())
                .containsOnlyKeys(PipelineService.REFERRAL_INTAKE, PipelineService.MASH_TRIAGE)
                .hasEntrySatisfying(PipelineService.REFERRAL_INTAKE, arguments -> assertThat(arguments)
                        .singleElement(STRING)
                        .startsWith("--referrals.intake.child-key-secret="))
                .hasEntrySatisfying(PipelineService.MASH_TRIAGE, arguments -> assertThat(arguments)
                        .singleElement(STRING)
                        .startsWith("--referrals.triage.matching.secret="));
    }
}
