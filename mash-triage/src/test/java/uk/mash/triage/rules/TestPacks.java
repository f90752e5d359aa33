package uk.mash.triage.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import uk.mash.platform.indicators.IndicatorCatalogue;

/** The shipped rule packs and small hand-written ones, read and validated as triage reads them at start-up. */
final class TestPacks {

    static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.standard();
    static final String CAMBRIDGESHIRE_PETERBOROUGH_2018 = "cambridgeshire-peterborough-2018";
    static final String PETERBOROUGH_2016 = "peterborough-2016";

    private TestPacks() {
    }

    static ThresholdRulePack shipped(String id) {
        String resource = "rule-packs/" + id + ".yaml";
        try (InputStream in = TestPacks.class.getClassLoader().getResourceAsStream(resource)) {
            return RulePackReader.read(resource, in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ThresholdEngine engine(String id) {
        return new ThresholdEngine(new RulePackValidator(CATALOGUE).validated(id, shipped(id)));
    }

    static ThresholdRulePack fromYaml(String yaml) {
        return RulePackReader.read("test pack", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
