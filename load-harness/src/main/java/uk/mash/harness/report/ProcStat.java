package uk.mash.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the harness reads of a process's or a thread's {@code stat} file under {@code /proc}: its name and its CPU
 * times, in clock ticks.
 *
 * @param name the command or thread name, without its parentheses
 * @param userTicks {@code utime}
 * @param systemTicks {@code stime}
 * @param reapedChildrenTicks {@code cutime} plus {@code cstime}: what its children used that have ended and been waited
 *        for
 */
public record ProcStat(String name, long userTicks, long systemTicks, long reapedChildrenTicks) {

    /** USER_HZ: Linux reports these times in hundredths of a second on every platform it runs on here. */
    public static final int CLOCK_TICKS_PER_SECOND = 100;

    /** Counted from the field after the name, which may itself hold spaces and parentheses, so ends at the last ')'. */
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int CUTIME = 13;
    private static final int CSTIME = 14;

    public static ProcStat read(Path stat) throws IOException {
        return parse(Files.readString(stat));
    }

    static ProcStat parse(String line) {
        int nameEnds = line.lastIndexOf(')');
        String[] fields = line.substring(nameEnds + 2).split(" ");
        return new ProcStat(line.substring(line.indexOf('(') + 1, nameEnds), Long.parseLong(fields[UTIME]),
                Long.parseLong(fields[STIME]), Long.parseLong(fields[CUTIME]) + Long.parseLong(fields[CSTIME]));
    }

    public static long nanosOf(long ticks) {
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }
}
