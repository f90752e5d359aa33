package uk.mash.harness.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import uk.mash.harness.baseline.RawKafkaBaseline.Hop;
import uk.mash.harness.baseline.RawKafkaBaseline.Shape;

class RawKafkaBaselineShapeTest {

    @Test
    void bothShapesTakeThreeHopsFromSubmissionToNotification() {
        assertThat(Shape.PATH.hopsToNotification()).isEqualTo(3);
        assertThat(Shape.SERVICES.hopsToNotification()).isEqualTo(3);
    }

    @Test
    void theServicesShapeAddsTheSlaClockAndTheRouterBesideThePath() {
        assertThat(Shape.SERVICES.consumers()).isEqualTo(5);
        assertThat(Shape.SERVICES.hops()).containsAll(Shape.PATH.hops())
                .contains(Hop.readOnly("received"), Hop.relay("outcomes", "routed"));
    }

    @Test
    void everyStageIsATopicOnceAndAReadOnlyConsumerAddsNone() {
        assertThat(Shape.PATH.stages()).containsExactly("submitted", "received", "outcomes", "notifications");
        assertThat(Shape.SERVICES.stages())
                .containsExactlyInAnyOrder("submitted", "received", "outcomes", "routed", "notifications");
    }
}
