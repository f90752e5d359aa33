package uk.mash.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The keyed-hash secrets of intake's child key and triage's child matching. The services refuse a missing or
 * committed secret, so the local stack makes its own at random. They are kept in the stack's data directory beside the
 * hashes made with them, because a new secret on each run would stop a child referred today matching the same child
 * referred in an earlier run whose data was kept; {@code --clean} wipes both together.
 */
final class DevelopmentSecrets {

    private static final String FILE = "development-secrets.properties";
    private static final String CHILD_KEY_SECRET = "referrals.intake.child-key-secret";
    private static final String CHILD_MATCHING_SECRET = "referrals.triage.matching.secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Properties secrets;

    private DevelopmentSecrets(Properties secrets) {
        this.secrets = secrets;
    }

    /** Secrets for services whose data is thrown away with them. */
    static DevelopmentSecrets fresh() {
        Properties secrets = new Properties();
        secrets.setProperty(CHILD_KEY_SECRET, randomSecret());
        secrets.setProperty(CHILD_MATCHING_SECRET, randomSecret());
        return new DevelopmentSecrets(secrets);
    }

    /** The secrets kept in {@code home}, made and kept there first if there are none yet. */
    static DevelopmentSecrets keptIn(Path home) {
        Path file = home.resolve(FILE);
        try {
            if (Files.exists(file)) {
                Properties secrets = new Properties();
                try (Reader in = Files.newBufferedReader(file)) {
                    secrets.load(in);
                }
                return new DevelopmentSecrets(secrets);
            }
            DevelopmentSecrets made = fresh();
            Files.createDirectories(home);
            try (Writer out = Files.newBufferedWriter(file)) {
                made.secrets.store(out, "Local stack only: keys the child hashes kept in this directory");
            }
            return made;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not read or keep the local stack's secrets in " + file, e);
        }
    }

    /** The command-line arguments that give each service its secret. */
    Map<PipelineService, List<String>> arguments() {
        return Map.of(PipelineService.REFERRAL_INTAKE, List.of(argument(CHILD_KEY_SECRET)),
                PipelineService.MASH_TRIAGE, List.of(argument(CHILD_MATCHING_SECRET)));
    }

    private String argument(String setting) {
        return "--" + setting + "=" + secrets.getProperty(setting);
    }

    private static String randomSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
