package uk.mash.triage.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

import uk.mash.events.ConsentStatus;
import uk.mash.events.DecisionReason;
import uk.mash.events.LevelOfNeed;
import uk.mash.events.OutcomeType;
import uk.mash.events.Priority;
import uk.mash.events.ReferralSubmitted;

/**
 * The first threshold rules, from Peterborough's 2016 guidance (seed 002): enough to route every referral to one of
 * the MASH outcomes with its reasons. Rule packs as data, per local authority, replace this set; until then every
 * outcome names this set as its pack so that it can be told apart.
 */
@Component
public class FoundationRuleSet {

    public static final String PACK_ID = "peterborough-2016-foundation";
    public static final String PACK_VERSION = "0.1.0";

    private static final String IMMEDIATE_RISK = "seed 002, 'Consent': \"Saying no to prevention or early help "
            + "services does not mean that specialist safeguarding services will become involved except where there is "
            + "a risk of significant harm\"; Level 3 response: \"in immediate need of statutory intervention under "
            + "Section 47 of the Children Act\"";
    private static final String LEVEL_3 = "seed 002, Level 3 Specialist Needs and Safeguarding, Response: \"a "
            + "comprehensive statutory assessment is required under Section 17 of the Children Act\"";
    private static final String LEVEL_2 = "seed 002, Level 2 Targeted Needs, Response: \"An Early Help assessment "
            + "will need to be completed ... offered with the consent of the child/young person and family\"";
    private static final String LEVEL_1 = "seed 002, MASH outcomes: \"A single agency referral to an identified "
            + "organisation (Level 1)\"";
    private static final String CONSENT_NOT_NEEDED = "seed 002, changes to this guidance, consent: discuss concerns "
            + "with parents before referring to Children's Social Care \"except where to do so might place the child or "
            + "young person or any other person at risk of significant harm\"";
    private static final String CONSENT = "seed 002, 'Consent': practitioners must discuss the referral with the "
            + "parent \"[or young person if Gillick or Fraser competent]\" before making it";

    public Recommendation recommend(ReferralSubmitted referral) {
        List<Indicator> indicators = referral.getIndicatorCodes().stream()
                .flatMap(code -> Indicator.fromCode(code).stream())
                .toList();
        List<String> indicatorFacts = indicators.stream().map(i -> "indicator " + i.name()).toList();
        LevelOfNeed level = indicators.stream().map(Indicator::level).max(Comparator.naturalOrder())
                .orElse(LevelOfNeed.LEVEL_1);

        if (referral.getImmediateRiskOfSignificantHarm()) {
            return new Recommendation(OutcomeType.SECTION_47_ENQUIRY, LevelOfNeed.LEVEL_3, Priority.IMMEDIATE,
                    List.of(reason("immediate-risk-section-47",
                            "Immediate risk of significant harm: section 47 enquiry; consent is not needed.",
                            facts(indicatorFacts, "immediateRiskOfSignificantHarm = true"), IMMEDIATE_RISK)),
                    true, null);
        }
        boolean consent = referral.getConsent() == ConsentStatus.GIVEN;
        List<String> consentFacts = facts(indicatorFacts, "consent = " + referral.getConsent());
        if (referral.getConsent() == ConsentStatus.NOT_SOUGHT_RISK_OF_HARM) {
            return new Recommendation(OutcomeType.SECTION_17_ASSESSMENT, LevelOfNeed.LEVEL_3, Priority.URGENT,
                    List.of(reason("consent-not-sought-risk-of-harm",
                            "Consent was not sought because seeking it would put the child or another person at "
                                    + "risk: that is itself a sign of risk of significant harm, so a MASH worker "
                                    + "decides (section 17 assessment or section 47 enquiry); it is never returned "
                                    + "to the referrer for consent.",
                            consentFacts, CONSENT_NOT_NEEDED)),
                    true, null);
        }
        if (level == LevelOfNeed.LEVEL_3) {
            return consent
                    ? new Recommendation(OutcomeType.SECTION_17_ASSESSMENT, level, Priority.URGENT,
                            List.of(reason("level-3-section-17",
                                    "Level 3 needs without immediate risk of significant harm: child and family "
                                            + "assessment under section 17, with consent.",
                                    consentFacts, LEVEL_3)),
                            true, null)
                    : returnedForConsent(level, consentFacts);
        }
        if (level == LevelOfNeed.LEVEL_2) {
            return consent
                    ? new Recommendation(OutcomeType.EARLY_HELP, level, Priority.ROUTINE,
                            List.of(reason("level-2-early-help",
                                    "Level 2 targeted needs: Early Help, with the family's consent.", consentFacts,
                                    LEVEL_2)),
                            false, null)
                    : returnedForConsent(level, consentFacts);
        }
        String school = referral.getChild().getSchoolOrSetting();
        String organisation = school != null && !school.isBlank()
                ? school
                : "universal services";
        return new Recommendation(OutcomeType.SINGLE_AGENCY, LevelOfNeed.LEVEL_1, Priority.ROUTINE,
                List.of(reason("level-1-single-agency",
                        "Level 1 universal or emerging needs: a single agency referral to " + organisation + ".",
                        indicatorFacts, LEVEL_1)),
                false, organisation);
    }

    private static Recommendation returnedForConsent(LevelOfNeed level, List<String> facts) {
        return new Recommendation(OutcomeType.RETURNED_FOR_CONSENT, level, Priority.ROUTINE,
                List.of(reason("consent-needed",
                        "Without immediate risk of significant harm, this help needs the consent of the family (or "
                                + "of a Gillick competent child): the referral is returned for consent.",
                        facts, CONSENT)),
                false, null);
    }

    private static List<String> facts(List<String> indicatorFacts, String fact) {
        List<String> facts = new ArrayList<>(indicatorFacts);
        facts.add(fact);
        return facts;
    }

    private static DecisionReason reason(String ruleId, String explanation, List<String> facts, String citation) {
        return new DecisionReason(ruleId, explanation, facts, citation);
    }
}
