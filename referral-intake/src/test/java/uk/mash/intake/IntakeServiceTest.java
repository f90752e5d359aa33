package uk.mash.intake;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * Referral intake on its own, over a real Kafka broker, PostgreSQL and the schema registry (shared by every such
 * test class in the run), with a clock the test moves and API keys for a school, another agency, a MASH worker and
 * operations.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(IntakeInfrastructure.class)
@SpringBootTest(classes = IntakeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "referrals.intake.child-key-secret=intake-service-tests-only-child-key-secret")
@Import(IntakeInfrastructure.TestClock.class)
public @interface IntakeServiceTest {
}
