package dev.flagledger.stats;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The statistics stay a pure library: the JDK's lang/util/function and Hipparchus, nothing else. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.flagledger.stats");

    @Test
    void statistics_depend_only_on_the_jdk_core_and_hipparchus() {
        classes().that().resideInAPackage("dev.flagledger.stats..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.flagledger.stats..", "java.lang..",
                        "java.util..", "org.hipparchus..")
                .check(MAIN);
    }
}
