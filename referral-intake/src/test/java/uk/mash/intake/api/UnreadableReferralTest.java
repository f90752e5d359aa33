package uk.mash.intake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mash.intake.IntakeInfrastructure.SCHOOL_KEY;

import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import uk.mash.intake.IntakeApi;
import uk.mash.intake.IntakeServiceTest;

/**
 * A value that cannot be read as its field's type is answered 400 naming the field, so the agency system knows what
 * to put right, and without the value, which could be the child's details.
 */
@IntakeServiceTest
class UnreadableReferralTest {

    @Autowired
    IntakeApi api;

    static Stream<Arguments> unreadableValues() {
        return Stream.of(
                Arguments.argumentSet("date of birth written the British way", "child.dateOfBirth", "31/12/2015",
                        (Consumer<ObjectNode>) referral -> ((ObjectNode) referral.get("child"))
                                .put("dateOfBirth", "31/12/2015")),
                Arguments.argumentSet("consent that is not one of its values", "consent", "YES",
                        (Consumer<ObjectNode>) referral -> referral.put("consent", "YES")));
    }

    @ParameterizedTest
    @MethodSource("unreadableValues")
    void unreadableValueIsAnsweredNamingItsFieldWithoutEchoingIt(String field, String value,
            Consumer<ObjectNode> breakIt) {
        var response = api.post("/api/v1/referrals", IntakeApi.sampleReferral("UNREADABLE-" + value, breakIt),
                SCHOOL_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = IntakeApi.json(response).get("errors");
        assertThat(errors.valueStream().map(error -> error.get("code").asString() + " at " + error.get("field")
                .asString())).containsExactly("UNREADABLE at " + field);
        assertThat(response.body()).doesNotContain(value);
    }
}
