package uk.mash.intake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import uk.mash.events.ReferralRejected;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.RejectionReason;
import uk.mash.intake.Submissions;
import uk.mash.intake.validation.ReferralValidator;
import uk.mash.platform.serde.StoredEvents;

/**
 * A rejection is always small enough for a Kafka record, so that the referrer is told and the submissions behind the
 * refused one are not held up; what does not fit is left out, never the refusal. Nor does it carry a character the
 * notifier cannot store.
 */
class RejectionsThatFitTest {

    private static final RejectionReason TOO_LONG = new RejectionReason("TOO_LONG", "natureOfConcern",
            "natureOfConcern must be at most 20000 characters.");

    @Test
    void rejectionThatFitsIsSentWithItsSubmissionAsItIs() {
        ReferralRejected rejected = rejectionOf(Submissions.aValidReferral().build(), List.of(TOO_LONG));

        assertThat(RejectionsThatFit.fit(rejected)).isSameAs(rejected);
    }

    @Test
    void submissionTooLargeToCarryIsLeftOutAndEveryReasonKept() {
        ReferralSubmitted overAMegabyte = Submissions.aValidReferral().withAgencyReference("TOO-LARGE-1")
                .withNatureOfConcern("Hungry most days. ".repeat(60_000)).build();

        ReferralRejected fitted = RejectionsThatFit.fit(rejectionOf(overAMegabyte, List.of(TOO_LONG)));

        assertThat(fitted.getSubmission()).isNull();
        assertThat(fitted.getReasons()).containsExactly(TOO_LONG);
        assertThat(fitted.getAgencyReference()).isEqualTo("TOO-LARGE-1");
        assertThat(fitted.getAgencyCode()).isEqualTo(overAMegabyte.getReferrer().getAgencyCode());
        assertThat(fitted.getLocalAuthority()).isEqualTo(overAMegabyte.getLocalAuthority());
        assertThat(StoredEvents.encode(fitted).length).isLessThanOrEqualTo(ReferralValidator.MAX_ENCODED_BYTES);
    }

    @Test
    void reasonsTooManyToListAreCountedInALastReason() {
        List<RejectionReason> reasons = IntStream.range(0, 100_000)
                .mapToObj(i -> new RejectionReason("UNKNOWN_INDICATOR", "indicatorCodes[" + i + "]",
                        "Not a code of the indicator catalogue; MASH triage publishes the codes."))
                .toList();

        ReferralRejected fitted = RejectionsThatFit.fit(rejectionOf(Submissions.aValidReferral().build(), reasons));

        List<RejectionReason> listed = fitted.getReasons();
        assertThat(listed.size()).isBetween(2, reasons.size());
        assertThat(listed.subList(0, listed.size() - 1)).isEqualTo(reasons.subList(0, listed.size() - 1));
        RejectionReason last = listed.get(listed.size() - 1);
        assertThat(last.getCode()).isEqualTo(RejectionsThatFit.NOT_ALL_LISTED);
        assertThat(last.getMessage()).startsWith((reasons.size() - listed.size() + 1) + " more problem(s)");
        assertThat(StoredEvents.encode(fitted).length).isLessThanOrEqualTo(ReferralValidator.MAX_ENCODED_BYTES);
    }

    @Test
    void referenceLongerThanAnyReferenceIsLeftOutRatherThanTheReasons() {
        String notAReference = "R".repeat(600_000);
        ReferralSubmitted submission = Submissions.aValidReferral().withAgencyReference(notAReference).build();
        RejectionReason tooLong = new RejectionReason("TOO_LONG", "agencyReference",
                "agencyReference must be at most 500 characters.");

        ReferralRejected fitted = RejectionsThatFit.fit(rejectionOf(submission, List.of(tooLong)));

        assertThat(fitted.getAgencyReference()).isNull();
        assertThat(fitted.getAgencyCode()).isEqualTo(submission.getReferrer().getAgencyCode());
        assertThat(fitted.getReasons()).containsExactly(tooLong);
    }

    @Test
    void aNulCharacterAnywhereInARejectionIsReplacedSoTheNotifierCanStoreItAndTellTheReferrer() {
        ReferralSubmitted withNul = Submissions.aValidReferral().withAgencyReference("NUL-\u0000-1")
                .withNatureOfConcern("Hungry\u0000 most days.").build();
        RejectionReason invalid = new RejectionReason("INVALID_CHARACTER", "agencyReference",
                "agencyReference holds a character that cannot be stored.");

        ReferralRejected stored = RejectionsWithoutNul.of(rejectionOf(withNul, List.of(invalid)));

        assertThat(stored.getAgencyReference()).isEqualTo("NUL-\ufffd-1");
        assertThat(stored.getSubmission().getNatureOfConcern()).isEqualTo("Hungry\ufffd most days.");
        assertThat(stored.getReasons()).containsExactly(invalid);
    }

    @Test
    void aRejectionWithoutANulCharacterIsLeftAsItIs() {
        ReferralRejected rejected = rejectionOf(Submissions.aValidReferral().build(), List.of(TOO_LONG));

        assertThat(RejectionsWithoutNul.of(rejected)).isSameAs(rejected);
    }

    private static ReferralRejected rejectionOf(ReferralSubmitted submission, List<RejectionReason> reasons) {
        return ReferralRejected.newBuilder()
                .setEventId(UUID.randomUUID())
                .setRejectedAt(Instant.parse("2026-11-24T09:15:01Z"))
                .setAgencyCode(submission.getReferrer().getAgencyCode())
                .setAgencyReference(submission.getAgencyReference())
                .setLocalAuthority(submission.getLocalAuthority())
                .setReasons(reasons)
                .setSubmission(submission)
                .build();
    }
}
