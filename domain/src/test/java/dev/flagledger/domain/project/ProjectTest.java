package dev.flagledger.domain.project;

import dev.flagledger.domain.InMemoryKeyRegistry;
import dev.flagledger.domain.shared.Conflict;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectTest {
    private final InMemoryKeyRegistry keys = new InMemoryKeyRegistry();
    private AggregateTestFixture<Project> fixture;
    private static final ProjectKey SHOP = new ProjectKey("shop");
    private static final ProjectCreated CREATED =
            new ProjectCreated("shop", "Shop", "", Project.STANDARD_ENVIRONMENTS);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(keys);
    }

    @Test
    void a_new_project_gets_development_staging_and_production_and_production_requires_a_reason() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(SHOP, "Shop", null))
                .expectEvents(new ProjectCreated("shop", "Shop", "", java.util.List.of(
                        new Environment("development", "Development", false),
                        new Environment("staging", "Staging", false),
                        new Environment("production", "Production", true))));
    }

    @Test
    void a_second_project_with_the_same_key_is_refused() {
        keys.claim("project", "shop", "shop");
        fixture.givenNoPriorActivity()
                .when(new CreateProject(SHOP, "Shop", ""))
                .expectException(Conflict.class)
                .expectNoEvents();
    }

    @Test
    void a_blank_name_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(SHOP, "  ", ""))
                .expectException(InvalidInput.class)
                .expectNoEvents();
    }

    @Test
    void an_environment_can_be_added_once() {
        fixture.given(CREATED)
                .when(new AddEnvironment(SHOP, new EnvironmentKey("qa"), "QA", false, 0L))
                .expectEvents(new EnvironmentAdded("shop", new Environment("qa", "QA", false)));
        fixture.given(CREATED)
                .when(new AddEnvironment(SHOP, new EnvironmentKey("staging"), "Staging 2", false, 0L))
                .expectException(InvalidInput.class)
                .expectNoEvents();
    }

    @Test
    void renaming_keeps_the_key_and_renaming_an_unknown_environment_is_not_found() {
        fixture.given(CREATED)
                .when(new RenameEnvironment(SHOP, new EnvironmentKey("staging"), "Pre-production", 0L))
                .expectEvents(new EnvironmentRenamed("shop", "staging", "Pre-production"));
        fixture.given(CREATED)
                .when(new RenameEnvironment(SHOP, new EnvironmentKey("moon"), "Moon", 0L))
                .expectException(NotFound.class)
                .expectNoEvents();
    }

    @Test
    void the_reason_policy_of_an_environment_can_change() {
        fixture.given(CREATED)
                .when(new SetEnvironmentReasonPolicy(SHOP, new EnvironmentKey("staging"), true, 0L))
                .expectEvents(new EnvironmentReasonPolicyChanged("shop", "staging", true));
    }

    @Test
    void a_stale_expected_version_is_a_conflict() {
        fixture.given(CREATED, new EnvironmentAdded("shop", new Environment("qa", "QA", false)))
                .when(new RenameEnvironment(SHOP, new EnvironmentKey("qa"), "Quality", 0L))
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void keys_refuse_bad_shapes() {
        assertThatThrownBy(() -> new ProjectKey("Shop!")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new EnvironmentKey("")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new ProjectKey("a".repeat(64))).isInstanceOf(InvalidInput.class);
    }
}
