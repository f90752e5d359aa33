package uk.mash.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.avro.Schema;

/**
 * The Avro contracts of one directory laid out like {@code src/main/avro}: topic values at the root, named types in
 * {@code common/} and enums in {@code common/enums/}.
 */
record ContractSet(String label, Map<String, Schema> schemasByFullName, Set<String> topicValueNames) {

    /*
     * Avro resolves a type name only if the same parser has already seen its definition, so the named types are fed
     * in the order they depend on each other; keep this in step with the <imports> of the avro-maven-plugin.
     */
    static final List<String> COMMON_TYPES_IN_DEPENDENCY_ORDER = List.of(
            "Address", "Person", "Child", "Referrer", "ReferralSubmitted",
            "RejectionReason", "DecisionReason", "DecidedBy");

    // ReferralSubmitted sits in common/ only because the other events embed it; it is still the value of a topic.
    private static final Set<String> TOPIC_VALUES_AMONG_COMMON_TYPES = Set.of("ReferralSubmitted");

    private static final String AVSC = ".avsc";

    static ContractSet load(String label, Path root) {
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> schemas = new LinkedHashMap<>();
        Set<String> topicValues = new LinkedHashSet<>();
        Path common = root.resolve("common");

        for (Path enumFile : avscFilesIn(common.resolve("enums"))) {
            register(schemas, parse(parser, enumFile));
        }

        List<String> unordered = avscFilesIn(common).stream()
                .map(ContractSet::typeNameOf)
                .filter(name -> !COMMON_TYPES_IN_DEPENDENCY_ORDER.contains(name))
                .toList();
        if (!unordered.isEmpty()) {
            throw new IllegalStateException(label + " has named types " + unordered
                    + " that ContractSet.COMMON_TYPES_IN_DEPENDENCY_ORDER does not place; add them after the types they use");
        }
        for (String name : COMMON_TYPES_IN_DEPENDENCY_ORDER) {
            Path file = common.resolve(name + AVSC);
            // A type missing from a release is reported by the compatibility test, which names it; failing here would not.
            if (Files.isRegularFile(file)) {
                Schema schema = register(schemas, parse(parser, file));
                if (TOPIC_VALUES_AMONG_COMMON_TYPES.contains(name)) {
                    topicValues.add(schema.getFullName());
                }
            }
        }

        for (Path topLevelFile : avscFilesIn(root)) {
            topicValues.add(register(schemas, parse(parser, topLevelFile)).getFullName());
        }

        return new ContractSet(label, Collections.unmodifiableMap(schemas), Collections.unmodifiableSet(topicValues));
    }

    /** Every numbered release under {@code releasedRoot}, oldest first. */
    static List<ContractSet> releasesUnder(Path releasedRoot) {
        try (Stream<Path> entries = Files.list(releasedRoot)) {
            return entries.filter(Files::isDirectory)
                    .filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparingInt(dir -> Integer.parseInt(dir.getFileName().toString())))
                    .map(dir -> load("release " + dir.getFileName(), dir))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the released contracts in " + releasedRoot, e);
        }
    }

    private static Schema register(Map<String, Schema> schemas, Schema schema) {
        schemas.put(schema.getFullName(), schema);
        return schema;
    }

    private static Schema parse(Schema.Parser parser, Path file) {
        try {
            return parser.parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<Path> avscFilesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(AVSC))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String typeNameOf(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.substring(0, fileName.length() - AVSC.length());
    }
}
