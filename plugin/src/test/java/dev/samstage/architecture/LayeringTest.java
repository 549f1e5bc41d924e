package dev.samstage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Dependencies point one way: Maven adapter -> core -> AWS SDK. */
@AnalyzeClasses(packages = "dev.samstage", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule coreHasNoMavenTypes = noClasses().that().resideInAPackage("dev.samstage.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..", "org.eclipse.aether..")
            .because("core is plain Java + AWS SDK, usable outside Maven");

    @ArchTest
    static final ArchRule coreDoesNotKnowTheAdapter = noClasses().that().resideInAPackage("dev.samstage.core..")
            .should().dependOnClassesThat().resideInAPackage("dev.samstage.maven..");

    @ArchTest
    static final ArchRule coreHasNoJUnitTypes = noClasses().that().resideInAPackage("dev.samstage.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "io.restassured..")
            .because("suites run in a forked JVM with the service's own JUnit, never in the plugin's");

    @ArchTest
    static final ArchRule mojosMakeNoSdkCalls = noClasses().that().resideInAPackage("dev.samstage.maven..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.services..")
            .because("a Mojo builds one request and calls one core service");

    @ArchTest
    static final ArchRule coreNeverPrintsToTheConsole = noClasses().that().resideInAPackage("dev.samstage.core..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("core emits events; the adapter renders them");
}
