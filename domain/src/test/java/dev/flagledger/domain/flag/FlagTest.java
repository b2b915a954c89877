package dev.flagledger.domain.flag;

import dev.flagledger.domain.InMemoryKeyRegistry;
import dev.flagledger.domain.project.Environment;
import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.project.ProjectKey;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.Conflict;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlagTest {
    private static final String ID = "f-1";
    private static final EnvironmentKey PRODUCTION = new EnvironmentKey("production");
    private static final EnvironmentKey STAGING = new EnvironmentKey("staging");
    private static final MetaData WITH_REASON = MetaData.with(ChangeMetadata.REASON, "launch");

    private final Map<String, Environment> environments = new LinkedHashMap<>(Map.of(
            "staging", new Environment("staging", "Staging", false),
            "production", new Environment("production", "Production", true)));
    private final ProjectCatalog projects = key -> key.equals("shop")
            ? Optional.of(new ProjectFacts("shop", environments)) : Optional.empty();
    private final InMemoryKeyRegistry keys = new InMemoryKeyRegistry();
    private AggregateTestFixture<Flag> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Flag.class);
        fixture.registerInjectableResource(projects);
        fixture.registerInjectableResource(keys);
    }

    private static CreateFlag booleanFlag(String project) {
        return new CreateFlag(ID, new ProjectKey(project), new FlagKey("new-checkout"), "New checkout", null,
                List.of("team:payments"), ValueType.BOOLEAN, List.of(), null, null);
    }

    private static FlagCreated created() {
        return new FlagCreated(ID, "shop", "new-checkout", "New checkout", "", List.of("team:payments"),
                ValueType.BOOLEAN, Variations.BOOLEAN_DEFAULTS, "on", "off", List.of(
                new FlagEnvironment("production", false, "on", "off"),
                new FlagEnvironment("staging", false, "on", "off")));
    }

    @Test
    void a_boolean_flag_gets_on_and_off_and_starts_disabled_everywhere() {
        fixture.givenNoPriorActivity().when(booleanFlag("shop")).expectEvents(created());
    }

    @Test
    void a_flag_in_an_unknown_project_is_not_found() {
        fixture.givenNoPriorActivity().when(booleanFlag("nowhere")).expectException(NotFound.class).expectNoEvents();
    }

    @Test
    void a_taken_key_is_a_conflict() {
        keys.claim("flag:shop", "new-checkout", "other");
        fixture.givenNoPriorActivity().when(booleanFlag("shop")).expectException(Conflict.class).expectNoEvents();
    }

    @Test
    void a_variation_value_of_the_wrong_type_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateFlag(ID, new ProjectKey("shop"), new FlagKey("limit"), "Limit", "", List.of(),
                        ValueType.NUMBER, List.of(new Variation("low", "", "", "ten")), null, null))
                .expectException(InvalidInput.class)
                .expectNoEvents();
    }

    @Test
    void a_default_variation_that_does_not_exist_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateFlag(ID, new ProjectKey("shop"), new FlagKey("x"), "X", "", List.of(),
                        ValueType.BOOLEAN, List.of(), "maybe", null))
                .expectException(InvalidInput.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("default variation maybe does not exist"))
                .expectNoEvents();
    }

    @Test
    void toggling_production_requires_a_reason() {
        fixture.given(created())
                .when(new ToggleFlag(ID, PRODUCTION, true, 0L))
                .expectException(InvalidInput.class)
                .expectNoEvents();
        fixture.given(created())
                .when(new ToggleFlag(ID, PRODUCTION, true, 0L), WITH_REASON)
                .expectEvents(new FlagToggled(ID, "shop", "new-checkout", "production", true));
    }

    @Test
    void toggling_staging_needs_no_reason() {
        fixture.given(created())
                .when(new ToggleFlag(ID, STAGING, true, 0L))
                .expectEvents(new FlagToggled(ID, "shop", "new-checkout", "staging", true));
    }

    @Test
    void details_identical_to_the_current_ones_record_nothing() {
        fixture.given(created())
                .when(new UpdateFlagDetails(ID, "New checkout", "", List.of("team:payments"), 0L))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created())
                .when(new UpdateFlagDetails(ID, "New checkout v2", "", List.of("team:payments"), 0L))
                .expectEvents(new FlagDetailsUpdated(ID, "shop", "new-checkout", "New checkout v2", "",
                        List.of("team:payments")));
    }

    @Test
    void a_flag_created_with_a_kind_other_than_release_records_it_after_its_creation() {
        CreateFlag experiment = new CreateFlag(ID, new ProjectKey("shop"), new FlagKey("new-checkout"), "New checkout",
                null, List.of("team:payments"), ValueType.BOOLEAN, List.of(), null, null, FlagKind.EXPERIMENT);
        fixture.givenNoPriorActivity().when(experiment)
                .expectEvents(created(), new FlagKindChanged(ID, "shop", "new-checkout", FlagKind.EXPERIMENT));
    }

    @Test
    void a_kind_is_a_detail_changed_only_when_it_differs_and_a_flag_without_one_is_a_release() {
        fixture.given(created())
                .when(new UpdateFlagDetails(ID, "New checkout", "", List.of("team:payments"), 0L, FlagKind.RELEASE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created())
                .when(new UpdateFlagDetails(ID, "New checkout", "", List.of("team:payments"), 0L, FlagKind.KILL_SWITCH))
                .expectEvents(new FlagKindChanged(ID, "shop", "new-checkout", FlagKind.KILL_SWITCH));
        fixture.given(created(), new FlagKindChanged(ID, "shop", "new-checkout", FlagKind.KILL_SWITCH))
                .when(new UpdateFlagDetails(ID, "Checkout", "", List.of("team:payments"), 1L))
                .expectEvents(new FlagDetailsUpdated(ID, "shop", "new-checkout", "Checkout", "", List.of("team:payments")));
    }

    @Test
    void toggling_to_the_current_state_records_nothing() {
        fixture.given(created()).when(new ToggleFlag(ID, STAGING, false, 0L)).expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void toggling_an_unknown_environment_is_not_found() {
        fixture.given(created()).when(new ToggleFlag(ID, new EnvironmentKey("moon"), true, 0L))
                .expectException(NotFound.class).expectNoEvents();
    }

    @Test
    void an_environment_added_after_the_flag_starts_from_the_flag_defaults() {
        environments.put("qa", new Environment("qa", "QA", false));
        fixture.given(created()).when(new SetOffVariation(ID, new EnvironmentKey("qa"), "on", 0L))
                .expectEvents(new FlagOffVariationChanged(ID, "shop", "new-checkout", "qa", "on"));
    }

    @Test
    void a_variation_still_served_cannot_be_removed() {
        fixture.given(created())
                .when(new SetFlagVariations(ID, List.of(new Variation("on", "On", "", true)), 0L), WITH_REASON)
                .expectException(InvalidInput.class)
                .expectNoEvents();
    }

    @Test
    void variations_can_change_when_default_and_off_are_the_same_variation() {
        FlagCreated sameDefaultAndOff = new FlagCreated(ID, "shop", "new-checkout", "New checkout", "", List.of(),
                ValueType.BOOLEAN, Variations.BOOLEAN_DEFAULTS, "off", "off", List.of(
                new FlagEnvironment("staging", false, "off", "off")));
        List<Variation> withShadow = List.of(new Variation("on", "On", "", true), new Variation("off", "Off", "", false),
                new Variation("shadow", "Shadow", "", false));
        fixture.given(sameDefaultAndOff)
                .when(new SetFlagVariations(ID, withShadow, 0L), WITH_REASON)
                .expectEvents(new FlagVariationsChanged(ID, "shop", "new-checkout", withShadow));
    }

    @Test
    void a_stale_expected_version_is_a_conflict_and_writes_nothing() {
        fixture.given(created(), new FlagToggled(ID, "shop", "new-checkout", "staging", true))
                .when(new ToggleFlag(ID, STAGING, false, 0L))
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void an_archived_flag_refuses_edits_until_restored() {
        fixture.given(created(), new FlagArchived(ID, "shop", "new-checkout"))
                .when(new ToggleFlag(ID, STAGING, true, 1L))
                .expectException(InvalidInput.class);
        fixture.given(created(), new FlagArchived(ID, "shop", "new-checkout"))
                .when(new RestoreFlag(ID, 1L), WITH_REASON)
                .expectEvents(new FlagRestored(ID, "shop", "new-checkout"));
    }

    @Test
    void numbers_have_one_canonical_form() {
        assertThat(new Variation("a", "", "", 5).value()).isEqualTo(new Variation("a", "", "", 5.0).value());
        assertThat(new Variation("a", "", "", 5).value()).isEqualTo(new BigDecimal("5"));
        assertThat(new Variation("a", "", "", 100).value()).hasToString("100");
        assertThat(new Variation("a", "", "", new BigDecimal("1E+2")).value()).hasToString("100");
        assertThat(new Variation("a", "", "", 2.50).value()).hasToString("2.5");
    }

    @Test
    void json_values_are_bounded_in_depth() {
        Object deep = List.of();
        for (int i = 0; i < 40; i++) deep = List.of(deep);
        Object value = deep;
        assertThatThrownBy(() -> ValueType.JSON.check("v", value)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void strings_over_their_limits_are_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateFlag(ID, new ProjectKey("shop"), new FlagKey("x"), "n".repeat(201), "", List.of(),
                        ValueType.BOOLEAN, List.of(), null, null))
                .expectException(InvalidInput.class).expectNoEvents();
    }
}
