package dev.flagledger.domain;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain decides; it does no I/O and knows no framework beyond Axon's aggregate support. */
@AnalyzeClasses(packages = "dev.flagledger.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule no_spring_jdbc_or_web = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "jakarta.servlet..",
                    "java.net.http..", "com.fasterxml.jackson..", "tools.jackson..", "graphql..")
            .because("the domain must stay free of Spring, JDBC, web and serialization types");

    @ArchTest
    static final ArchRule only_axon_modelling_parts = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.axonframework.eventsourcing.eventstore..", "org.axonframework.config..",
                    "org.axonframework.spring..", "org.axonframework.eventhandling.tokenstore..")
            .because("the domain uses Axon's aggregate annotations, not its infrastructure");
}
