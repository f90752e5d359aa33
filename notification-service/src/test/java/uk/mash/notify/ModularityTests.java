package uk.mash.notify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

@AnalyzeClasses(packages = "uk.mash.notify", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    // services talk only through the event contracts in uk.mash.events, so each can be released on its own
    @ArchTest
    static final ArchRule serviceNeverDependsOnAnotherService = noClasses()
            .that().resideInAPackage("uk.mash.notify..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("uk.mash.intake..", "uk.mash.triage..", "uk.mash.router..")
            .because("services share only the Avro contracts and the platform library");

    @ArchTest
    static final ArchRule mainCodeNeverUsesTheEmbeddedInfrastructure = noClasses()
            .should().dependOnClassesThat().resideInAPackage("uk.mash.platform.embedded..")
            .because("embedded Kafka, PostgreSQL and schema registry are for the local stack and tests only");

    @ArchTest
    static final ArchRule noClassWritesToStandardStreams =
            GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noFieldInjection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
}
