package dev.flagledger.stats;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The statistics stay a pure library: the JDK's lang/util/function and Hipparchus, nothing else. */
class ArchitectureTest {
    // The module's own compiled classes only: scanning the whole classpath for the package is slow.
    private static final JavaClasses MAIN = new ClassFileImporter()
            .importPath(Path.of(ArchitectureTest.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                    .resolveSibling("classes"));

    @Test
    void statistics_depend_only_on_the_jdk_core_and_hipparchus() {
        classes().that().resideInAPackage("dev.flagledger.stats..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.flagledger.stats..", "java.lang..",
                        "java.util..", "org.hipparchus..")
                .check(MAIN);
        org.assertj.core.api.Assertions.assertThat(MAIN).as("classes under test").hasSizeGreaterThan(20);
    }
}
