package uk.mash.platform.indicators;

/**
 * Where an indicator comes from.
 *
 * @param documentId the catalogue's short id of the document, e.g. {@code seed-003}
 * @param document the document's title
 * @param section the table and column, e.g. "Levels of need table, Complex Needs, What would we see?"
 */
public record IndicatorSource(String documentId, String document, String section) {
}
