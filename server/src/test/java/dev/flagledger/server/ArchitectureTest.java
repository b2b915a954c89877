package dev.flagledger.server;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering of CONVENTIONS §1 over every module: domain ← projections ← APIs ← server. Commands
 * go in only through the command gateway; reads come only from projections.
 */
@AnalyzeClasses(packages = "dev.flagledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_depends_on_no_framework_but_axon_modelling = noClasses()
            .that().resideInAPackage("dev.flagledger.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
                    "jakarta.servlet..", "com.fasterxml.jackson..", "tools.jackson..", "graphql..",
                    "dev.flagledger.projections..", "dev.flagledger.graphql..", "dev.flagledger.server..",
                    "dev.flagledger.auth..");

    @ArchTest
    static final ArchRule evaluation_is_pure = noClasses()
            .that().resideInAPackage("dev.flagledger.evaluation..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                    "java.sql..", "com.fasterxml.jackson..", "dev.flagledger.domain..", "dev.flagledger.projections..");

    @ArchTest
    static final ArchRule projections_never_send_commands = noClasses()
            .that().resideInAPackage("dev.flagledger.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..",
                    "dev.flagledger.graphql..", "dev.flagledger.server..")
            .because("a read model only listens; nothing but commands changes state");

    @ArchTest
    static final ArchRule the_api_reads_only_through_projections = noClasses()
            .that().resideInAPackage("dev.flagledger.graphql..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..",
                    "javax.sql..", "org.axonframework.eventsourcing..", "org.axonframework.eventhandling..",
                    "dev.flagledger.server..")
            .because("GraphQL reads read models and writes commands, never the store or a table");

    @ArchTest
    static final ArchRule the_api_writes_only_through_the_command_gateway = noClasses()
            .that().resideInAPackage("dev.flagledger.graphql..")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.commandhandling.CommandBus")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.modelling.command.Repository")
            .orShould().dependOnClassesThat()
            .haveFullyQualifiedName("org.axonframework.modelling.command.AggregateLifecycle")
            .because("commands go through CommandGateway, where interceptors and metadata apply");

    @ArchTest
    static final ArchRule domain_events_are_records = classes()
            .that().resideInAPackage("dev.flagledger.domain..")
            .and().implement(dev.flagledger.domain.flag.FlagEvent.class)
            .should().beRecords();
}
