package uk.mash.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BACKWARD compatibility of the contracts: a consumer built from the current schemas must still read every record a
 * producer wrote with any released schema, because topics keep old records and services are upgraded one by one.
 */
class SchemaCompatibilityTest {

    // Surefire runs with the module as basedir; the fallback keeps the test runnable from an IDE started there.
    private static final Path SCHEMAS_MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path RELEASED = SCHEMAS_MODULE.resolve("src/released");
    private static final Path CURRENT_SOURCES = SCHEMAS_MODULE.resolve("src/main/avro");

    static Stream<Arguments> everyReleasedSchema() {
        return ContractSet.releasesUnder(RELEASED).stream()
                .flatMap(release -> release.schemasByFullName().values().stream()
                        .map(schema -> arguments(release.label(), schema.getName(), schema)));
    }

    static Stream<Arguments> everyReleasedTopicValue() {
        return ContractSet.releasesUnder(RELEASED).stream()
                .flatMap(release -> release.topicValueNames().stream()
                        .map(fullName -> arguments(release.label(), fullName)));
    }

    @ParameterizedTest(name = "{0}: the current {1} reads {1} data written with the released schema")
    @MethodSource("everyReleasedSchema")
    void currentSchemaReadsDataWrittenWithTheReleasedSchema(String release, String name, Schema released) {
        Optional<Schema> current = generatedSchemaOf(released.getFullName());
        assertThat(current)
                .as("%s defines %s, which no longer has a generated class", release, released.getFullName())
                .isPresent();

        SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(current.get(), released);

        assertThat(compatibility.getType())
                .as(() -> "the current " + name + " cannot read data written with " + release + ":\n"
                        + describe(compatibility))
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest(name = "{0}: the topic contract {1} is still a current contract")
    @MethodSource("everyReleasedTopicValue")
    void releasedTopicContractIsNeverSilentlyRemoved(String release, String fullName) {
        ContractSet current = ContractSet.load("current", CURRENT_SOURCES);

        assertThat(current.topicValueNames())
                .as("%s published %s; a contract is retired by a new topic version, never by deleting it",
                        release, fullName)
                .contains(fullName);
    }

    static Stream<Arguments> breakingEvolutions() {
        Schema received = ReferralReceived.getClassSchema();
        Schema priority = Priority.getClassSchema();
        return Stream.of(
                arguments(named("a new field without a default",
                                withFields(received, fields -> append(fields,
                                        new Schema.Field("caseWorker", Schema.create(Schema.Type.STRING))))),
                        received, SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE),
                arguments(named("a renamed field",
                                withFields(received, fields -> replace(fields, "childKey",
                                        new Schema.Field("childPseudonym", Schema.create(Schema.Type.STRING))))),
                        received, SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE),
                arguments(named("a field whose type changed from string to int",
                                withFields(received, fields -> replace(fields, "childKey",
                                        new Schema.Field("childKey", Schema.create(Schema.Type.INT))))),
                        received, SchemaIncompatibilityType.TYPE_MISMATCH),
                arguments(named("a removed enum symbol",
                                enumWithSymbols(priority, List.of("ROUTINE", "URGENT"))),
                        priority, SchemaIncompatibilityType.MISSING_ENUM_SYMBOLS),
                arguments(named("a renamed record",
                                Schema.createRecord("ReferralAccepted", received.getDoc(), received.getNamespace(),
                                        false, copiedFields(received))),
                        received, SchemaIncompatibilityType.NAME_MISMATCH));
    }

    @ParameterizedTest(name = "{0} is reported as incompatible")
    @MethodSource("breakingEvolutions")
    void breakingEvolutionIsReportedAsIncompatible(Schema evolved, Schema released,
            SchemaIncompatibilityType expected) {
        SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(evolved, released);

        assertThat(compatibility.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(compatibility.getResult().getIncompatibilities())
                .extracting(Incompatibility::getType)
                .contains(expected);
    }

    static Stream<Arguments> safeEvolutions() {
        Schema received = ReferralReceived.getClassSchema();
        Schema priority = Priority.getClassSchema();
        Schema optionalString = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        return Stream.of(
                arguments(named("a new optional field with a null default",
                                withFields(received, fields -> append(fields,
                                        new Schema.Field("caseWorker", optionalString, null,
                                                Schema.Field.NULL_DEFAULT_VALUE)))),
                        received),
                arguments(named("a new enum symbol at the end",
                                enumWithSymbols(priority, List.of("ROUTINE", "URGENT", "IMMEDIATE", "EMERGENCY"))),
                        priority),
                arguments(named("a required field made optional", madeOptional(received, "childKey")), received));
    }

    @ParameterizedTest(name = "{0} is accepted")
    @MethodSource("safeEvolutions")
    void safeEvolutionIsAccepted(Schema evolved, Schema released) {
        SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(evolved, released);

        assertThat(compatibility.getType())
                .as(() -> describe(compatibility))
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    /** Why the consumers of a field made optional are deployed before its producers. */
    @Test
    void consumerBuiltBeforeAFieldWasMadeOptionalCannotReadARecordWithoutIt() {
        Schema received = ReferralReceived.getClassSchema();

        SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(received, madeOptional(received, "childKey"));

        assertThat(compatibility.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static Optional<Schema> generatedSchemaOf(String fullName) {
        Class<?> generated;
        try {
            generated = Class.forName(fullName);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        try {
            return Optional.of((Schema) generated.getMethod("getClassSchema").invoke(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(fullName + " is not an Avro generated class", e);
        }
    }

    private static String describe(SchemaPairCompatibility compatibility) {
        return compatibility.getResult().getIncompatibilities().stream()
                .map(incompatibility -> "  " + incompatibility.getType() + " at " + incompatibility.getLocation()
                        + ": " + incompatibility.getMessage())
                .collect(Collectors.joining("\n"));
    }

    private static Schema withFields(Schema record, UnaryOperator<List<Schema.Field>> change) {
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false,
                change.apply(copiedFields(record)));
    }

    // A Field belongs to the record it was added to, so an evolved copy needs fresh ones.
    private static List<Schema.Field> copiedFields(Schema record) {
        List<Schema.Field> copies = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            copies.add(new Schema.Field(field, field.schema()));
        }
        return copies;
    }

    private static List<Schema.Field> append(List<Schema.Field> fields, Schema.Field added) {
        fields.add(added);
        return fields;
    }

    private static List<Schema.Field> replace(List<Schema.Field> fields, String name, Schema.Field replacement) {
        fields.replaceAll(field -> field.name().equals(name) ? replacement : field);
        return fields;
    }

    private static Schema madeOptional(Schema record, String name) {
        Schema optional = Schema.createUnion(Schema.create(Schema.Type.NULL), record.getField(name).schema());
        return withFields(record, fields -> replace(fields, name,
                new Schema.Field(name, optional, null, Schema.Field.NULL_DEFAULT_VALUE)));
    }

    private static Schema enumWithSymbols(Schema enumSchema, List<String> symbols) {
        return Schema.createEnum(enumSchema.getName(), enumSchema.getDoc(), enumSchema.getNamespace(), symbols);
    }
}
