package uk.mash.router.localities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import uk.mash.router.RouterSettings.Localities;

class LocalityLookupTest {

    private static final Localities PETERBOROUGH = new Localities("hub", Map.of(
            "central-and-east", List.of("PE1"),
            "south", List.of("PE2", "PE7"),
            "north-west-and-rural", List.of("PE3", "PE4", "PE5", "PE6", "PE8", "PE9")));

    private static final Localities CAMBRIDGESHIRE = new Localities(null, Map.of(
            "fenland", List.of("PE15", "PE7 1", "PE7 2"),
            "huntingdonshire", List.of("PE29", "PE7 3"),
            "east-cambridgeshire", List.of("CB7", "CB25 0"),
            "south-cambridgeshire", List.of("CB25 9", "SG8")));

    @ParameterizedTest(name = "{0} lives in {1}")
    @CsvSource({
            "PE1 2AB, central-and-east",
            "PE2 5AB, south",
            "pe2 5ab, south",
            "PE25AB, south",
            "PE7 8QA, south",
            "PE4 6XY, north-west-and-rural",
            "PE9 3AA, north-west-and-rural" })
    void peterboroughChildIsInTheMasgLocalityOfTheirPostcodeDistrict(String postcode, String locality) {
        assertThat(LocalityLookup.of(PETERBOROUGH).localityOf(postcode)).hasValue(locality);
    }

    @ParameterizedTest(name = "{0} lives in {1}")
    @CsvSource({
            "PE7 1AB, fenland",
            "PE7 2CD, fenland",
            "PE7 3EF, huntingdonshire",
            "CB25 0AA, east-cambridgeshire",
            "CB25 9ZZ, south-cambridgeshire",
            "SG8 6AA, south-cambridgeshire" })
    void sectorDecidesWhereAPostcodeDistrictStraddlesTwoDistrictTeams(String postcode, String locality) {
        assertThat(LocalityLookup.of(CAMBRIDGESHIRE).localityOf(postcode)).hasValue(locality);
    }

    @Test
    void sectorWinsOverItsDistrict() {
        Localities localities = new Localities(null, Map.of("south", List.of("PE7"), "fenland", List.of("PE7 2")));

        assertThat(LocalityLookup.of(localities).localityOf("PE7 2AA")).hasValue("fenland");
        assertThat(LocalityLookup.of(localities).localityOf("PE7 8AA")).hasValue("south");
    }

    @ParameterizedTest(name = "''{0}'' goes to the default")
    @CsvSource(value = { "LE15 6AB", "not a postcode", "''", "NULL" }, nullValues = "NULL")
    void childWhosePostcodeNamesNoLocalityGoesToTheDefault(String postcode) {
        assertThat(LocalityLookup.of(PETERBOROUGH).localityOf(postcode)).hasValue("hub");
    }

    @Test
    void withoutADefaultAnUnknownDistrictHasNoLocality() {
        assertThat(LocalityLookup.of(CAMBRIDGESHIRE).localityOf("PE7 8AA")).isEmpty();
        assertThat(LocalityLookup.of(CAMBRIDGESHIRE).localityOf(null)).isEmpty();
    }

    @Test
    void tableAsConfiguredHasNoProblems() {
        assertThat(LocalityLookup.problemsOf("x", PETERBOROUGH)).isEmpty();
        assertThat(LocalityLookup.problemsOf("x", CAMBRIDGESHIRE)).isEmpty();
    }

    @Test
    void districtInTwoLocalitiesIsAProblemNamingBoth() {
        Localities localities = new Localities(null, Map.of("south", List.of("PE2"), "north", List.of("pe2")));

        assertThat(LocalityLookup.problemsOf("referrals.router.authorities.peterborough.localities", localities))
                .singleElement().asString()
                .contains("referrals.router.authorities.peterborough.localities.postcodes", "PE2", "south", "north");
    }

    @Test
    void malformedAreasAndNamesAreProblemsNamingTheSetting() {
        Localities localities = new Localities("Not A Name", Map.of("North West", List.of("PE2 5AB", "Peterborough")));

        assertThat(LocalityLookup.problemsOf("p", localities))
                .hasSize(4)
                .anySatisfy(problem -> assertThat(problem).contains("p.default-locality", "Not A Name"))
                .anySatisfy(problem -> assertThat(problem).contains("p.postcodes.North West is not a locality name"))
                .anySatisfy(problem -> assertThat(problem).contains("'PE2 5AB'", "not a postcode district"))
                .anySatisfy(problem -> assertThat(problem).contains("'Peterborough'"));
    }

    @Test
    void onlyTheDistrictAndSectorOfAPostcodeAreRead() {
        assertThat(PostcodeDistrict.of(" pe2 5ab ")).hasValue(new PostcodeDistrict("PE2", "PE2 5"));
        assertThat(PostcodeDistrict.of("CB25 0AB")).hasValue(new PostcodeDistrict("CB25", "CB25 0"));
        assertThat(PostcodeDistrict.of("PE2")).isEmpty();
    }
}
