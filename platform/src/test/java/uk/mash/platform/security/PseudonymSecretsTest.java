package uk.mash.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PseudonymSecretsTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "   " })
    void refusesToStartWithoutASecret(String missing) {
        assertThatIllegalStateException().isThrownBy(() -> require(missing))
                .withMessageStartingWith("referrals.example.secret (environment variable EXAMPLE_SECRET) is not set, "
                        + "so the example service will not start");
    }

    @ParameterizedTest
    @ValueSource(strings = { "local-development-only", "local-only-child-matching-secret",
            "compose-development-only" })
    void refusesToStartWithADevelopmentSecretCommittedToTheRepository(String committed) {
        assertThatIllegalStateException().isThrownBy(() -> require(committed))
                .withMessageContaining("EXAMPLE_SECRET) is a development value committed to the repository")
                .withMessageNotContaining(committed);
    }

    @Test
    void refusesToStartWithASecretShorterThan32Characters() {
        String shortSecret = "x".repeat(31);

        assertThatIllegalStateException().isThrownBy(() -> require(shortSecret))
                .withMessageContaining("EXAMPLE_SECRET) is shorter than 32 characters")
                .withMessageNotContaining(shortSecret);
    }

    @Test
    void startsWithASecretOf32Characters() {
        assertThat(require("y".repeat(32))).isEqualTo("y".repeat(32));
    }

    private static String require(String secret) {
        return PseudonymSecrets.requireUsable(secret, "referrals.example.secret", "EXAMPLE_SECRET",
                "the example service");
    }
}
