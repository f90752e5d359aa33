package uk.mash.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident set from {@code /proc/self/status}: now ({@code VmRSS}) and its peak so far
 * ({@code VmHWM}). The stack's embedded PostgreSQL runs as separate processes and is not included.
 *
 * @param residentMiB VmRSS in MiB, or -1 where /proc is not available
 * @param peakMiB VmHWM in MiB, or -1
 */
public record ResidentMemory(long residentMiB, long peakMiB) {

    public static ResidentMemory now() {
        try {
            long rss = -1;
            long hwm = -1;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kibibytes(line) / 1024;
                }
                else if (line.startsWith("VmHWM:")) {
                    hwm = kibibytes(line) / 1024;
                }
            }
            return new ResidentMemory(rss, hwm);
        }
        catch (IOException e) {
            return new ResidentMemory(-1, -1);
        }
    }

    private static long kibibytes(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }
}
