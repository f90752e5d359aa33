package uk.mash.harness.report;

/**
 * The targets for the pipeline on two cores (issue 7, "Targets"), each read from a run's figures.
 */
public final class Targets {

    public static final double MIN_REFERRALS_PER_SECOND = 1_000;
    public static final double MAX_P99_MILLIS_AT_HALF = 1_000;
    public static final double MIN_BASELINE_SHARE = 0.30;
    public static final double MAX_START_UP_SECONDS = 40;
    public static final long MAX_RESIDENT_MIB = 2_048;

    private Targets() {
    }

    public static String met(boolean met) {
        return met ? "yes" : "**no**";
    }
}
