package uk.mash.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

class SchemaIncompatibilitiesTest {

    private static final String WRITER = """
            {"type": "record", "name": "Outer", "fields": [
              {"name": "id", "type": "string"},
              {"name": "people", "type": {"type": "array", "items": {"type": "record", "name": "Inner", "fields": [
                {"name": "address", "type": {"type": "record", "name": "Place", "fields": [
                  {"name": "postcode", "type": "string"}]}}]}}}]}""";

    @Test
    void aMismatchDeepInsideARecordIsDescribedByItsFieldPath() {
        Schema writer = new Schema.Parser().parse(WRITER);
        Schema reader = new Schema.Parser().parse(WRITER.replace("{\"name\": \"postcode\", \"type\": \"string\"}",
                "{\"name\": \"postcode\", \"type\": \"int\"}"));

        String description = SchemaIncompatibilities
                .describe(SchemaCompatibility.checkReaderWriterCompatibility(reader, writer));

        assertThat(description).startsWith("TYPE_MISMATCH at people.address.postcode (/fields/1/type/items/");
    }

    @Test
    void aMissingDefaultNamesTheField() {
        Schema writer = new Schema.Parser().parse(WRITER);
        Schema reader = new Schema.Parser().parse(WRITER.replace("{\"name\": \"id\", \"type\": \"string\"}",
                "{\"name\": \"id\", \"type\": \"string\"}, {\"name\": \"added\", \"type\": \"long\"}"));

        String description = SchemaIncompatibilities
                .describe(SchemaCompatibility.checkReaderWriterCompatibility(reader, writer));

        assertThat(description).isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE at added (/fields/1): added");
    }
}
