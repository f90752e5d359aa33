package uk.mash.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void aNameWithSpacesAndParenthesesDoesNotShiftTheTimes() {
        ProcStat stat = ProcStat.parse("4242 (C2 (odd) CompilerThre) S 1 4242 4242 0 -1 4194368 55 0 0 0 "
                + "731 42 9 3 20 0 40 0 123 0 0");

        assertThat(stat.name()).isEqualTo("C2 (odd) CompilerThre");
        assertThat(stat.userTicks()).isEqualTo(731);
        assertThat(stat.systemTicks()).isEqualTo(42);
        assertThat(stat.reapedChildrenTicks()).isEqualTo(12);
    }

    @Test
    void thisProcessReadsAsItself() throws IOException {
        ProcStat self = ProcStat.read(Path.of("/proc/self/stat"));

        assertThat(self.name()).isNotBlank();
        assertThat(self.userTicks() + self.systemTicks()).isPositive();
    }

    @Test
    void ticksAreHundredthsOfASecond() {
        assertThat(ProcStat.nanosOf(150)).isEqualTo(1_500_000_000L);
    }
}
