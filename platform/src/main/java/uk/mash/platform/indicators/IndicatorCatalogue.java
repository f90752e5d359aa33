package uk.mash.platform.indicators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import uk.mash.events.LevelOfNeed;

/**
 * The indicator catalogue: every code an agency may send beside its free text, from the "What would we see?" rows
 * (and the examples in the descriptions) of the levels-of-need tables in seeds 002 and 003. It is contract data,
 * shipped with the schemas as {@value #RESOURCE}, so that intake can check codes and triage can read levels without
 * depending on each other.
 */
public final class IndicatorCatalogue {

    public static final String RESOURCE = "indicators/indicator-catalogue.yaml";

    private final Map<String, Indicator> byCode;

    private IndicatorCatalogue(Map<String, Indicator> byCode) {
        this.byCode = byCode;
    }

    /** The catalogue shipped with the schemas. */
    public static IndicatorCatalogue standard() {
        try (InputStream in = IndicatorCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The indicator catalogue " + RESOURCE + " is not on the class path");
            }
            return read(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a catalogue in the format of {@value #RESOURCE}; refuses duplicate codes and incomplete entries. */
    @SuppressWarnings("unchecked")
    public static IndicatorCatalogue read(InputStream yaml) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, String> documents = (Map<String, String>) root.get("documents");
        Map<String, Indicator> byCode = new LinkedHashMap<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) root.get("indicators")) {
            String code = required(entry, "code", "an indicator");
            List<IndicatorSource> sources = new ArrayList<>();
            for (Map<String, String> source : (List<Map<String, String>>) entry.getOrDefault("sources", List.of())) {
                String documentId = required(source, "document", code + "'s source");
                if (!documents.containsKey(documentId)) {
                    throw new IllegalStateException("Indicator " + code + " cites unknown document " + documentId);
                }
                sources.add(new IndicatorSource(documentId, documents.get(documentId),
                        required(source, "section", code + "'s source")));
            }
            if (sources.isEmpty()) {
                throw new IllegalStateException("Indicator " + code + " names no source in the guidance");
            }
            Indicator indicator = new Indicator(code, LevelOfNeed.valueOf(required(entry, "level", code)),
                    required(entry, "wording", code), sources,
                    readForAYoungerChild((Map<String, Object>) entry.get("readForAChildUnder"), code));
            if (byCode.put(code, indicator) != null) {
                throw new IllegalStateException("Indicator code " + code + " appears twice in the catalogue");
            }
        }
        byCode.values().forEach(indicator -> checkReadAs(indicator, byCode));
        return new IndicatorCatalogue(Collections.unmodifiableMap(byCode));
    }

    /**
     * The indicators a referral's codes are read as, the child being {@code age} whole years old when the MASH
     * received it (empty when not known): each code's own and, for a child young enough, the one it is also read as.
     * Codes not in the catalogue are left out.
     */
    public List<Indicator> readAs(Collection<String> codes, OptionalInt age) {
        List<Indicator> read = new ArrayList<>();
        for (String code : codes) {
            Indicator indicator = byCode.get(code);
            if (indicator == null || read.contains(indicator)) {
                continue;
            }
            read.add(indicator);
            Indicator.ReadForAYoungerChild younger = indicator.readForAChildUnder();
            if (younger != null && age.isPresent() && age.getAsInt() < younger.age()
                    && !read.contains(byCode.get(younger.readAs()))) {
                read.add(byCode.get(younger.readAs()));
            }
        }
        return read;
    }

    public boolean contains(String code) {
        return byCode.containsKey(code);
    }

    public Optional<Indicator> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** Every indicator, in the catalogue's order (by level, then as the guidance lists them). */
    public Collection<Indicator> all() {
        return List.copyOf(byCode.values());
    }

    private static Indicator.ReadForAYoungerChild readForAYoungerChild(Map<String, Object> entry, String code) {
        if (entry == null) {
            return null;
        }
        return new Indicator.ReadForAYoungerChild(Integer.parseInt(required(entry, "age", code + "'s younger child")),
                required(entry, "readAs", code + "'s younger child"));
    }

    /** A concern is read as another only where the guidance places the other higher, never lower or as itself. */
    private static void checkReadAs(Indicator indicator, Map<String, Indicator> byCode) {
        Indicator.ReadForAYoungerChild younger = indicator.readForAChildUnder();
        if (younger == null) {
            return;
        }
        Indicator readAs = byCode.get(younger.readAs());
        if (readAs == null || readAs.level().compareTo(indicator.level()) <= 0) {
            throw new IllegalStateException("Indicator " + indicator.code() + " is read for a younger child as "
                    + younger.readAs() + ", which is not an indicator at a higher level of need");
        }
    }

    private static String required(Map<String, ?> entry, String field, String of) {
        Object value = entry.get(field);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("Missing " + field + " for " + of + " in the indicator catalogue");
        }
        return value.toString();
    }
}
