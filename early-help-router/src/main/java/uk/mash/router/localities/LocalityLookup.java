package uk.mash.router.localities;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import uk.mash.router.RouterSettings.Localities;

/**
 * Which locality a child lives in, from the postcode of the child's address: the locality naming the postcode's
 * sector, else the one naming its district, else the authority's default locality. Built only from a table that has
 * passed {@link #problemsOf}.
 */
public final class LocalityLookup {

    private static final Pattern LOCALITY_NAME = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    private final Map<String, String> localityByArea;
    private final String defaultLocality;

    private LocalityLookup(Map<String, String> localityByArea, String defaultLocality) {
        this.localityByArea = localityByArea;
        this.defaultLocality = defaultLocality;
    }

    public static LocalityLookup of(Localities localities) {
        Map<String, String> byArea = new HashMap<>();
        localities.postcodes().forEach((locality, areas) -> areas
                .forEach(area -> byArea.put(normalised(area), locality)));
        return new LocalityLookup(Map.copyOf(byArea), localities.defaultLocality());
    }

    /** The locality of a child with this postcode, the default when it names none, or nothing without a default. */
    public Optional<String> localityOf(String postcode) {
        return PostcodeDistrict.of(postcode)
                .flatMap(district -> Optional.ofNullable(localityByArea.get(district.sector()))
                        .or(() -> Optional.ofNullable(localityByArea.get(district.district()))))
                .or(() -> Optional.ofNullable(defaultLocality));
    }

    public boolean isEmpty() {
        return localityByArea.isEmpty() && defaultLocality == null;
    }

    /**
     * What is wrong with an authority's localities, each problem naming the setting to put right: malformed locality
     * names or postcode areas, and an area claimed by two localities (a child must have exactly one).
     */
    public static List<String> problemsOf(String prefix, Localities localities) {
        List<String> problems = new ArrayList<>();
        if (localities.defaultLocality() != null && !LOCALITY_NAME.matcher(localities.defaultLocality()).matches()) {
            problems.add(prefix + ".default-locality '" + localities.defaultLocality()
                    + "' is not a locality name (lower case words joined by '-')");
        }
        Map<String, String> claimedBy = new HashMap<>();
        localities.postcodes().forEach((locality, areas) -> {
            if (!LOCALITY_NAME.matcher(locality).matches()) {
                problems.add(prefix + ".postcodes." + locality
                        + " is not a locality name (lower case words joined by '-')");
            }
            for (String area : areas) {
                String normalised = normalised(area);
                if (!PostcodeDistrict.TABLE_ENTRY.matcher(normalised).matches()) {
                    problems.add(prefix + ".postcodes." + locality + " names '" + area
                            + "', which is not a postcode district (PE2) or sector (PE7 2)");
                }
                String other = claimedBy.putIfAbsent(normalised, locality);
                if (other != null && !other.equals(locality)) {
                    problems.add(prefix + ".postcodes: " + normalised + " is in both " + other + " and " + locality);
                }
            }
        });
        return problems;
    }

    private static String normalised(String area) {
        return area == null ? "" : area.strip().replaceAll("\\s+", " ").toUpperCase(Locale.UK);
    }
}
