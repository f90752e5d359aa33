package uk.mash.platform.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The schemas of every released contract ({@code schemas/src/released/<n>/}, which the schemas jar carries under
 * {@code released/}), by full name. Events a service stored under an earlier release carry that release's schema
 * fingerprint, and are read with it after an upgrade.
 */
final class ReleasedSchemas {

    private static final Pattern RELEASE = Pattern.compile("/released/(\\d+)/(.+\\.avsc)$");

    private ReleasedSchemas() {
    }

    /** Every released version of each named type, oldest release first. */
    static Map<String, List<Schema>> onClasspath() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver(ReleasedSchemas.class.getClassLoader())
                    .getResources("classpath*:released/*/**/*.avsc");
            Map<Integer, Map<String, String>> releases = new TreeMap<>();
            for (Resource file : files) {
                Matcher release = RELEASE.matcher(file.getURL().toString());
                if (release.find()) {
                    releases.computeIfAbsent(Integer.parseInt(release.group(1)), n -> new TreeMap<>())
                            .put(release.group(2), read(file));
                }
            }
            Map<String, List<Schema>> byName = new HashMap<>();
            releases.forEach((release, texts) -> parse("release " + release, texts).forEach(
                    (name, schema) -> byName.computeIfAbsent(name, n -> new ArrayList<>()).add(schema)));
            return byName;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not read the released schemas", e);
        }
    }

    /**
     * One release's named types. A file may use types other files define, and Avro resolves a name only once the
     * parser has seen it: files are parsed over and over, each time those whose types are all known, until none is
     * left.
     */
    static Map<String, Schema> parse(String release, Map<String, String> textsByFile) {
        Map<String, Schema> known = new LinkedHashMap<>();
        Map<String, String> pending = new TreeMap<>(textsByFile);
        while (!pending.isEmpty()) {
            Map<String, String> left = new TreeMap<>();
            pending.forEach((file, text) -> {
                Schema.Parser parser = new Schema.Parser().addTypes(known.values());
                try {
                    parser.parse(text);
                    known.putAll(parser.getTypes());
                }
                catch (AvroRuntimeException undefinedTypeYet) {
                    left.put(file, text);
                }
            });
            if (left.size() == pending.size()) {
                throw new IllegalStateException(release + " has schemas that do not parse: " + left.keySet());
            }
            pending = left;
        }
        return known;
    }

    private static String read(Resource file) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
