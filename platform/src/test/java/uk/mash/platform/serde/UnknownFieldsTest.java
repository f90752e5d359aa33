package uk.mash.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import uk.mash.events.ReferralSubmitted;
import uk.mash.platform.testing.DriftedSchemas;

class UnknownFieldsTest {

    private static final Schema CONTRACT = ReferralSubmitted.getClassSchema();

    @Test
    void theContractHasNoFieldItDoesNotKnow() {
        assertThat(UnknownFields.of(CONTRACT, CONTRACT)).isEmpty();
    }

    @Test
    void aFieldAddedAnywhereIsNamedByItsPath() {
        Schema drifted = DriftedSchemas.withField(DriftedSchemas.withField(DriftedSchemas.withField(CONTRACT,
                "ReferralSubmitted", "{\"name\":\"immediateRisk\",\"type\":\"boolean\",\"default\":false}"),
                "Child", "{\"name\":\"nhs_number\",\"type\":[\"null\",\"string\"],\"default\":null}"),
                "Person", "{\"name\":\"telephone\",\"type\":[\"null\",\"string\"],\"default\":null}");

        assertThat(UnknownFields.of(drifted, CONTRACT)).contains("immediateRisk", "child.nhs_number",
                "parentsOrCarers[].telephone");
    }

    @Test
    void aRecordWithinItselfIsLookedThroughOnce() {
        Schema written = new Schema.Parser().parse("""
                {"type": "record", "name": "Node", "fields": [{"name": "extra", "type": "int"},
                  {"name": "next", "type": ["null", "Node"], "default": null}]}""");
        Schema contract = new Schema.Parser().parse("""
                {"type": "record", "name": "Node", "fields": [
                  {"name": "next", "type": ["null", "Node"], "default": null}]}""");

        assertThat(UnknownFields.of(written, contract)).containsExactly("extra");
    }

    @Test
    void aFieldTheContractKnowsByAnAliasIsKnown() {
        Schema renamed = new Schema.Parser().parse("""
                {"type": "record", "name": "R", "fields": [{"name": "old_name", "type": "string"}]}""");
        Schema contract = new Schema.Parser().parse("""
                {"type": "record", "name": "R", "fields": [
                  {"name": "newName", "type": "string", "aliases": ["old_name"]}]}""");

        assertThat(UnknownFields.of(renamed, contract)).isEmpty();
    }
}
