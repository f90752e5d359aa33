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
 */
public record Indicator(String code, LevelOfNeed level, String wording, List<IndicatorSource> sources) {

    public Indicator {
        sources = List.copyOf(sources);
    }
}
