package uk.mash.harness.referrals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import uk.mash.events.ConsentStatus;
import uk.mash.events.OutcomeType;

/**
 * The profiles the harness submits, in proportion to their weights. Kept as data ({@code referral-mix.csv}) so that
 * the mix follows the rule packs without touching code. Referral {@code n} always gets the same profile, and every
 * block of {@link #blockSize()} referrals holds each profile exactly its weight's number of times, shuffled, so small
 * runs keep the proportions too.
 */
public final class ReferralMix {

    private static final String STANDARD = "/referral-mix.csv";

    private final List<ReferralProfile> profiles;
    private final ReferralProfile[] block;

    public ReferralMix(List<ReferralProfile> profiles) {
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("A referral mix needs at least one profile");
        }
        this.profiles = List.copyOf(profiles);
        List<ReferralProfile> slots = new ArrayList<>();
        for (ReferralProfile profile : profiles) {
            for (int i = 0; i < profile.weight(); i++) {
                slots.add(profile);
            }
        }
        Collections.shuffle(slots, new Random(42));
        this.block = slots.toArray(ReferralProfile[]::new);
    }

    /** The mix shipped with the harness. */
    public static ReferralMix standard() {
        try (InputStream in = ReferralMix.class.getResourceAsStream(STANDARD)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ReferralMix fromFile(Path file) {
        try {
            return parse(Files.readString(file));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of {@code name;weight;codes;consent;immediateRisk;expectedOutcome}; '#' starts a comment line. */
    static ReferralMix parse(String text) {
        List<ReferralProfile> profiles = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split(";");
            if (fields.length != 6) {
                throw new IllegalArgumentException("A mix line needs 6 fields separated by ';': " + trimmed);
            }
            profiles.add(new ReferralProfile(fields[0].strip(), Integer.parseInt(fields[1].strip()),
                    Arrays.stream(fields[2].split(",")).map(String::strip).filter(code -> !code.isEmpty()).toList(),
                    ConsentStatus.valueOf(fields[3].strip()), Boolean.parseBoolean(fields[4].strip()),
                    OutcomeType.valueOf(fields[5].strip())));
        }
        return new ReferralMix(profiles);
    }

    public ReferralProfile profileOf(long referralNumber) {
        return block[(int) (referralNumber % block.length)];
    }

    public int blockSize() {
        return block.length;
    }

    public List<ReferralProfile> profiles() {
        return profiles;
    }
}
