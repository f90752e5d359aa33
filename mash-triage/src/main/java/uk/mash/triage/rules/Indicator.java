package uk.mash.triage.rules;

import java.util.Arrays;
import java.util.Optional;

import uk.mash.events.LevelOfNeed;

/**
 * The first indicators agencies can send, each from a "What would we see?" row of Peterborough's levels-of-need
 * table (seed 002), in the guidance's own words. The full catalogue, per rule pack, replaces this set.
 */
public enum Indicator {

    BASIC_CARE_SOMETIMES_INCONSISTENT(LevelOfNeed.LEVEL_1, "Basic care may sometimes be inconsistent."),
    PARENT_NEEDS_LOW_LEVEL_SUPPORT(LevelOfNeed.LEVEL_1,
            "Parents may be struggling with a specific issue and require a low level of support."),
    PARENTING_INCONSISTENT(LevelOfNeed.LEVEL_2,
            "Parenting is inconsistent and parental issues may be getting in the way of meeting the child's needs."),
    NO_AGE_APPROPRIATE_BOUNDARIES(LevelOfNeed.LEVEL_2,
            "There is a lack of parental guidance and age appropriate boundaries are not in place."),
    SOME_DOMESTIC_ABUSE(LevelOfNeed.LEVEL_2, "There may be some evidence of domestic abuse."),
    POOR_SCHOOL_ATTENDANCE(LevelOfNeed.LEVEL_2, "There may be issues with poor school attendance."),
    HEALTH_APPOINTMENTS_MISSED(LevelOfNeed.LEVEL_2, "Health needs may not be met as appointments are often missed."),
    ABUSE_OR_NEGLECT_SUSPECTED(LevelOfNeed.LEVEL_3, "Child may have been abused or neglected."),
    DOMESTIC_ABUSE_HIGH_RISK(LevelOfNeed.LEVEL_3,
            "Domestic abuse is assessed as high risk (MARAC) and the child is at risk of significant harm."),
    MEDICAL_NEEDS_COMPROMISED_BY_NEGLECT(LevelOfNeed.LEVEL_3,
            "The child's medical needs have been significantly compromised due to parental neglect."),
    UNDER_13_SEXUAL_ACTIVITY(LevelOfNeed.LEVEL_3,
            "There is concern regarding a child under 13 being engaged in sexual activity."),
    HOME_IMMEDIATE_SERIOUS_RISK(LevelOfNeed.LEVEL_3,
            "The home environment presents an immediate and serious environmental and health risk to the child.");

    private final LevelOfNeed level;
    private final String wording;

    Indicator(LevelOfNeed level, String wording) {
        this.level = level;
        this.wording = wording;
    }

    public LevelOfNeed level() {
        return level;
    }

    public String wording() {
        return wording;
    }

    public static Optional<Indicator> fromCode(String code) {
        return Arrays.stream(values()).filter(indicator -> indicator.name().equals(code)).findFirst();
    }
}
