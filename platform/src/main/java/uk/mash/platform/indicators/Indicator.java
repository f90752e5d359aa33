package uk.mash.platform.indicators;

import java.util.List;

import uk.mash.events.LevelOfNeed;

/**
 * One thing an agency may say it sees about a child, in the threshold guidance's own words, at the level of need
 * where the guidance places it.
 *
 * @param code the stable code agencies send in {@code indicatorCodes}
 * @param level the level of need whose table row holds it
 * @param wording the guidance's own words
 * @param sources the documents and sections it comes from
 * @param readForAChildUnder the indicator it is also read as about a younger child, where the guidance places the
 *        same concern higher for one; null for most
 */
public record Indicator(String code, LevelOfNeed level, String wording, List<IndicatorSource> sources,
        ReadForAYoungerChild readForAChildUnder) {

    public Indicator {
        sources = List.copyOf(sources);
    }

    /** The code of the indicator this one is also read as about a child under {@code age} (whole years). */
    public record ReadForAYoungerChild(int age, String readAs) {
    }
}
