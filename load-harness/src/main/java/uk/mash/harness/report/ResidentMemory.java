package uk.mash.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local stack's memory: the one JVM's resident set from {@code /proc/self/status}, now ({@code VmRSS}) and its
 * peak so far ({@code VmHWM}), and the embedded PostgreSQL server's, which runs as processes of its own.
 *
 * @param residentMiB VmRSS in MiB, or -1 where /proc is not available
 * @param peakMiB VmHWM in MiB, or -1
 * @param databaseMiB PostgreSQL's processes' proportional set size in MiB ({@link DatabaseMemory})
 * @param databasePeakMiB the largest PostgreSQL's was seen at so far
 */
public record ResidentMemory(long residentMiB, long peakMiB, long databaseMiB, long databasePeakMiB) {

    public static ResidentMemory now(DatabaseMemory database) {
        long rss = -1;
        long hwm = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kibibytes(line) / 1024;
                }
                else if (line.startsWith("VmHWM:")) {
                    hwm = kibibytes(line) / 1024;
                }
            }
        }
        catch (IOException e) {
            // left at -1: not a Linux /proc
        }
        long databaseNow = database.nowMiB();
        return new ResidentMemory(rss, hwm, databaseNow, Math.max(databaseNow, database.peakMiB()));
    }

    /** The whole stack's peak: the JVM's and PostgreSQL's peaks added, which is no less than the peak of their sum. */
    public long stackPeakMiB() {
        return peakMiB + databasePeakMiB;
    }

    private static long kibibytes(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }
}
