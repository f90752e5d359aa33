package uk.mash.intake;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Intake's inner boundary; the boundaries between services are checked in local-stack's ServiceBoundariesTest. */
@AnalyzeClasses(packages = "uk.mash.intake", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    // validation runs the same for REST and Kafka submissions, and must stay testable without a database or broker
    @ArchTest
    static final ArchRule validationIsPure = noClasses()
            .that().resideInAPackage("uk.mash.intake.validation..")
            .should().dependOnClassesThat().resideInAnyPackage("uk.mash.intake.store..", "uk.mash.intake.api..",
                    "uk.mash.intake.ingest..", "uk.mash.intake.outbox..");
}
