package uk.mash.router;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The router's inner boundaries; the boundaries between services are checked in local-stack's ServiceBoundariesTest. */
@AnalyzeClasses(packages = "uk.mash.router", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    // the locality lookup is pure data, testable without Spring, a database or a broker
    @ArchTest
    static final ArchRule localitiesArePure = noClasses()
            .that().resideInAPackage("uk.mash.router.localities..")
            .should().dependOnClassesThat().resideInAnyPackage("uk.mash.router.routing..",
                    "uk.mash.router.registry..", "org.springframework..", "org.apache.kafka..");

    // routing uses the registry; the registry knows nothing of queues, so the two never form a cycle
    @ArchTest
    static final ArchRule registryDoesNotDependOnRouting = noClasses()
            .that().resideInAPackage("uk.mash.router.registry..")
            .should().dependOnClassesThat().resideInAPackage("uk.mash.router.routing..");
}
