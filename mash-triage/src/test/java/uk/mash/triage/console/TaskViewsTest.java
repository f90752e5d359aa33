package uk.mash.triage.console;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.triage.rules.Submissions.aValidReferral;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import uk.mash.triage.rules.Submissions;

/** What the task page shows of a referral. */
class TaskViewsTest {

    @Test
    void aChildLivingAbroadIsShownWithTheirCountryAndOneInTheUkWithout() {
        assertThat(addressShown(aValidReferral().livingAbroad("IE", "D02 X285")))
                .isEqualTo("12 Fictional Road, Peterborough, D02 X285, Ireland");
        assertThat(addressShown(aValidReferral().livingAbroad("GB", "PE1 2AB")))
                .isEqualTo("12 Fictional Road, Peterborough, PE1 2AB");
        assertThat(addressShown(aValidReferral())).isEqualTo("12 Fictional Road, Peterborough, PE1 2AB");
    }

    private static String addressShown(Submissions referral) {
        return TaskViews.referral(UUID.randomUUID(), referral.build()).stream()
                .filter(row -> row.key().equals("Address")).findFirst().orElseThrow().value();
    }
}
