package uk.mash.triage.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import uk.mash.events.ConsentStatus;
import uk.mash.events.EarlyHelpAssessmentStatus;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.ReferralSubmitted;
import uk.mash.platform.indicators.Indicator;
import uk.mash.platform.indicators.IndicatorCatalogue;

/**
 * What the threshold rules read about a referral. Indicator codes not in the catalogue are left out: the rules only
 * reason about what the guidance describes.
 *
 * @param indicators the catalogue's indicators the referrer sent, and those they are read as for the child's age
 * @param level the highest level of need among them; Level 1 when there are none
 * @param immediateRisk the referrer's view that the child is at immediate risk of significant harm
 * @param consent consent to the referral as the referrer gives it: one answer, which may be the parents' or carers'
 *        alone
 * @param earlyHelpAssessment support already given through an Early Help assessment
 * @param allocatedSocialWorker whether the child already has an allocated social worker
 * @param collated concerns from several agencies about the same child, when there are enough to be taken together
 * @param gillickCompetent the referrer's view that the child is Gillick competent, so their own consent counts
 * @param childViewsGiven whether the referral records the child's own views
 */
public record ReferralFacts(List<Indicator> indicators, LevelOfNeed level, boolean immediateRisk, ConsentStatus consent,
        EarlyHelpAssessmentStatus earlyHelpAssessment, boolean allocatedSocialWorker, CollatedConcerns collated,
        boolean gillickCompetent, boolean childViewsGiven) {

    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    public ReferralFacts {
        indicators = List.copyOf(indicators);
    }

    /**
     * The facts of a referral the MASH received at {@code receivedAt}: its indicators are read for the child's age
     * on that day in England ({@link IndicatorCatalogue#readAs}), so that a concern the guidance places higher for a
     * younger child is read so whichever code the referrer chose.
     */
    public static ReferralFacts of(ReferralSubmitted referral, Instant receivedAt, IndicatorCatalogue catalogue,
            boolean allocatedSocialWorker, CollatedConcerns collated) {
        List<Indicator> indicators = catalogue.readAs(referral.getIndicatorCodes(),
                ageOn(referral.getChild().getDateOfBirth(), LocalDate.ofInstant(receivedAt, ENGLAND)));
        return new ReferralFacts(indicators, highestLevel(indicators), referral.getImmediateRiskOfSignificantHarm(),
                referral.getConsent(), referral.getEarlyHelpAssessment(), allocatedSocialWorker, collated,
                Boolean.TRUE.equals(referral.getGillickCompetent()),
                referral.getChildViews() != null && !referral.getChildViews().isBlank());
    }

    /** Whole years; none for an unborn baby, a child whose date of birth is not given, or one after the day. */
    static OptionalInt ageOn(LocalDate dateOfBirth, LocalDate day) {
        if (dateOfBirth == null || dateOfBirth.isAfter(day)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Period.between(dateOfBirth, day).getYears());
    }

    static LevelOfNeed highestLevel(List<Indicator> indicators) {
        return indicators.stream().map(Indicator::level).max(Comparator.naturalOrder()).orElse(LevelOfNeed.LEVEL_1);
    }

    Set<String> codes() {
        return indicators.stream().map(Indicator::code).collect(Collectors.toSet());
    }

    /**
     * Several referrals about the same child from different agencies within the collation window.
     *
     * @param referrals how many referrals, this one included
     * @param agencies how many different agencies made them
     * @param window the collation window, as configured (e.g. "30 days")
     */
    public record CollatedConcerns(int referrals, int agencies, String window) {
    }
}
