package uk.mash.intake.store;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.intake.Submissions.aValidReferral;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralSubmitted;

class SubmissionContentTest {

    @Test
    void sameReferralSentLaterAndAnotherWayIsTheSame() {
        ReferralSubmitted first = aValidReferral().build();
        ReferralSubmitted again = aValidReferral().build();
        again.setSubmittedAt(Instant.parse("2026-11-25T17:00:00Z"));
        again.setChannel(ReferralChannel.WEB);

        assertThat(SubmissionContent.same(again, first)).isTrue();
    }

    @Test
    void referralSayingSomethingElseIsAnother() {
        ReferralSubmitted first = aValidReferral().build();
        ReferralSubmitted other = aValidReferral().withNatureOfConcern("Another concern altogether.").build();

        assertThat(SubmissionContent.same(other, first)).isFalse();
    }

    @Test
    void comparingLeavesTheSubmissionsAsTheyWere() {
        ReferralSubmitted submission = aValidReferral().build();
        submission.setChannel(ReferralChannel.WEB);
        Instant submittedAt = submission.getSubmittedAt();

        SubmissionContent.same(submission, aValidReferral().build());

        assertThat(submission.getSubmittedAt()).isEqualTo(submittedAt);
        assertThat(submission.getChannel()).isEqualTo(ReferralChannel.WEB);
    }
}
