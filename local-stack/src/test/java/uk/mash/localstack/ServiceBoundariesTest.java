package uk.mash.localstack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.Slice;

/**
 * The boundaries between the four services, checked once here, where every service is on the class path.
 */
@AnalyzeClasses(packages = "uk.mash", importOptions = ImportOption.DoNotIncludeTests.class)
class ServiceBoundariesTest {

    private static final String[] SERVICES = { "uk.mash.intake..", "uk.mash.triage..", "uk.mash.router..",
            "uk.mash.notify.." };

    private static final DescribedPredicate<Slice> SERVICE_SLICES = DescribedPredicate.describe("services",
            slice -> Set.of("intake", "triage", "router", "notify").contains(slice.getNamePart(1)));

    // services talk only through the event contracts in uk.mash.events, so each can be released on its own
    @ArchTest
    static final ArchRule servicesNeverDependOnEachOther = slices().matching("uk.mash.(*)..")
            .that(SERVICE_SLICES)
            .should().notDependOnEachOther()
            .because("services share only the Avro contracts and the platform library");

    @ArchTest
    static final ArchRule servicesNeverUseTheEmbeddedInfrastructure = noClasses()
            .that().resideInAnyPackage(SERVICES)
            .should().dependOnClassesThat().resideInAPackage("uk.mash.platform.embedded..")
            .because("embedded Kafka, PostgreSQL and schema registry are for the local stack and tests only");

    @ArchTest
    static final ArchRule noClassWritesToStandardStreams =
            GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noFieldInjection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
}
