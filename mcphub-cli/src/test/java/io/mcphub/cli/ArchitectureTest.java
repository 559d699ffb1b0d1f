package io.mcphub.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Layering that Maven's module graph cannot see: the store implementations plug in behind the SPI and nobody
 * above the store names one, and the core model depends on nothing of ours. (Module-level direction —
 * cli → hub → config → security → store, all → core — is enforced by the poms themselves.)
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.mcphub");
    }

    @Test
    void coreDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.mcphub.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mcphub.store..", "io.mcphub.security..",
                        "io.mcphub.config..", "io.mcphub.hub..", "io.mcphub.cli..")
                .check(classes);
    }

    @Test
    void storeImplementationsAreReachedOnlyThroughTheSpi() {
        noClasses().that().resideOutsideOfPackages("io.mcphub.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mcphub.store.embedded..", "io.mcphub.store.etcd..")
                .check(classes);
    }

    @Test
    void storeImplementationsDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("io.mcphub.store.embedded..")
                .should().dependOnClassesThat().resideInAPackage("io.mcphub.store.etcd..").check(classes);
        noClasses().that().resideInAPackage("io.mcphub.store.etcd..")
                .should().dependOnClassesThat().resideInAPackage("io.mcphub.store.embedded..").check(classes);
    }

    /** Offline verification of an audit file is the one exception: an auditor must not need the hub to trust it. */
    @Test
    void cliVerbsTalkToTheHubOverHttpOnly() {
        noClasses().that().resideInAPackage("io.mcphub.cli.command..")
                .should().dependOnClassesThat(resideInAnyPackage("io.mcphub.hub..", "io.mcphub.config..",
                        "io.mcphub.store..", "io.mcphub.security..").and(resideOutsideOfPackage("io.mcphub.security.audit..")))
                .check(classes);
        noClasses().that().resideInAPackage("io.mcphub.cli.command..").and().resideOutsideOfPackage("io.mcphub.cli.command.audit..")
                .should().dependOnClassesThat().resideInAPackage("io.mcphub.security.audit..")
                .check(classes);
    }
}
