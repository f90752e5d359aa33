package uk.mash.platform.security;

import java.util.Set;

/**
 * The secrets children's identities are hashed under (intake's child key, triage's matching keys). There are only
 * about 10^9 NHS numbers, so anyone who knows the secret and sees the hashes can hash them all and re-identify every
 * child: a service will not start with a secret that could not be secret.
 */
public final class PseudonymSecrets {

    /** As long as the HMAC-SHA256 key itself, so the secret is no easier to guess than the key it stands for. */
    static final int SHORTEST = 32;

    /** Once committed, a secret is public for ever: these were the repository's development defaults. */
    static final Set<String> COMMITTED =
            Set.of("local-development-only", "local-only-child-matching-secret", "compose-development-only");

    private PseudonymSecrets() {
    }

    /**
     * The secret, if it could be secret. The refusal names the setting and never the value, which would otherwise end
     * up in the logs.
     *
     * @param setting the property, e.g. {@code referrals.intake.child-key-secret}
     * @param environmentVariable the variable a deployment sets it with
     * @param service the service that will not start, in words
     */
    public static String requireUsable(String secret, String setting, String environmentVariable, String service) {
        String problem = secret == null || secret.isBlank() ? "is not set"
                : COMMITTED.contains(secret) ? "is a development value committed to the repository"
                : secret.length() < SHORTEST ? "is shorter than " + SHORTEST + " characters"
                : null;
        if (problem != null) {
            throw new IllegalStateException(setting + " (environment variable " + environmentVariable + ") " + problem
                    + ", so " + service + " will not start: a child's identifiers must be kept as keyed hashes under "
                    + "a secret of at least " + SHORTEST + " characters known only to this deployment");
        }
        return secret;
    }
}
