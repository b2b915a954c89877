package dev.flagledger.domain.flag;

import dev.flagledger.domain.InMemoryKeyRegistry;
import dev.flagledger.domain.project.Environment;
import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.segment.SegmentCatalog;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FlagScheduleTest {
    private static final String ID = "f-1";
    private static final EnvironmentKey STAGING = new EnvironmentKey("staging");
    private static final EnvironmentKey PRODUCTION = new EnvironmentKey("production");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant DUE = NOW.plusSeconds(60);
    private static final ScheduledBy ALICE = new ScheduledBy("local:alice", "Alice");
    private static final MetaData BY_ALICE = MetaData.with(ChangeMetadata.ACTOR_SUBJECT, "local:alice")
            .and(ChangeMetadata.ACTOR_NAME, "Alice").and(ChangeMetadata.REASON, "launch at noon");

    private final ProjectCatalog projects = key -> key.equals("shop") ? Optional.of(new ProjectFacts("shop", Map.of(
            "staging", new Environment("staging", "Staging", false),
            "production", new Environment("production", "Production", true)))) : Optional.empty();
    private final FlagCatalog flags = (project, key) -> Optional.empty();
    private final SegmentCatalog segments = (project, key) -> Optional.empty();
    private final MovableClock clock = new MovableClock(NOW);
    private AggregateTestFixture<Flag> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Flag.class);
        fixture.registerInjectableResource(projects);
        fixture.registerInjectableResource(flags);
        fixture.registerInjectableResource(segments);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(new InMemoryKeyRegistry());
    }

    private static FlagCreated created() {
        return new FlagCreated(ID, "shop", "new-checkout", "New checkout", "", List.of(), ValueType.BOOLEAN,
                Variations.BOOLEAN_DEFAULTS, "on", "off", List.of(
                new FlagEnvironment("production", false, "on", "off"),
                new FlagEnvironment("staging", false, "on", "off")));
    }

    private static FlagChangeScheduled scheduled(String id, ScheduledChange change) {
        return new FlagChangeScheduled(ID, "shop", "new-checkout", id, "staging", DUE, change, ALICE);
    }

    private static Rollout split(int on, int off) {
        return new Rollout(List.of(new Weight("on", on), new Weight("off", off)), null, null);
    }

    @Test
    void scheduling_a_toggle_records_the_change_and_who_scheduled_it() {
        fixture.given(created())
                .when(new ScheduleFlagChange(ID, "s-1", STAGING, DUE, ScheduledChange.toggle(true), 0L), BY_ALICE)
                .expectEvents(scheduled("s-1", ScheduledChange.toggle(true)));
    }

    @Test
    void a_time_that_has_passed_is_refused() {
        fixture.given(created())
                .when(new ScheduleFlagChange(ID, "s-1", STAGING, NOW.minusSeconds(1), ScheduledChange.toggle(true), 0L),
                        BY_ALICE)
                .expectException(InvalidInput.class).expectNoEvents();
    }

    @Test
    void a_time_beyond_the_horizon_is_refused() {
        fixture.given(created())
                .when(new ScheduleFlagChange(ID, "s-1", STAGING, NOW.plus(Duration.ofDays(400)),
                        ScheduledChange.toggle(true), 0L), BY_ALICE)
                .expectException(InvalidInput.class).expectNoEvents();
    }

    @Test
    void a_default_serve_naming_an_unknown_variation_is_refused_when_scheduled() {
        fixture.given(created())
                .when(new ScheduleFlagChange(ID, "s-1", STAGING, DUE,
                        ScheduledChange.defaultServe(Serve.variation("blue")), 0L), BY_ALICE)
                .expectException(InvalidInput.class).expectNoEvents();
    }

    @Test
    void a_change_with_two_parts_is_refused() {
        fixture.given(created())
                .when(new ScheduleFlagChange(ID, "s-1", STAGING, DUE,
                        new ScheduledChange(true, Serve.variation("on"), null), 0L), BY_ALICE)
                .expectException(InvalidInput.class).expectNoEvents();
    }

    @Test
    void the_environment_policy_on_reasons_applies_when_scheduling() {
        fixture.given(created())
                .when(new ScheduleFlagChange(ID, "s-1", PRODUCTION, DUE, ScheduledChange.toggle(true), 0L),
                        MetaData.with(ChangeMetadata.ACTOR_SUBJECT, "local:alice"))
                .expectException(InvalidInput.class).expectNoEvents();
    }

    @Test
    void a_due_toggle_is_applied_with_its_delay_and_the_toggle_itself() {
        clock.set(DUE.plusMillis(250));
        fixture.given(created(), scheduled("s-1", ScheduledChange.toggle(true)))
                .when(new ApplyScheduledFlagChange(ID, "s-1"))
                .expectEvents(
                        new ScheduledFlagChangeApplied(ID, "shop", "new-checkout", "s-1", "staging", DUE,
                                DUE.plusMillis(250), 250, ALICE),
                        new FlagToggled(ID, "shop", "new-checkout", "staging", true))
                .expectState(flag -> assertThat(flag.facts().flagKey()).isEqualTo("new-checkout"));
    }

    @Test
    void the_applied_events_name_the_schedule_and_who_scheduled_it() {
        clock.set(DUE);
        List<EventMessage<?>> published = new java.util.ArrayList<>();
        fixture.given(created(), scheduled("s-1", ScheduledChange.toggle(true)))
                .when(new ApplyScheduledFlagChange(ID, "s-1"))
                .expectEventsMatching(new org.hamcrest.CustomTypeSafeMatcher<List<EventMessage<?>>>("events") {
                    @Override
                    protected boolean matchesSafely(List<EventMessage<?>> events) {
                        published.addAll(events);
                        return true;
                    }
                });
        assertThat(published).hasSize(2).allSatisfy(event -> {
            assertThat(event.getMetaData()).containsEntry(ChangeMetadata.SCHEDULE_ID, "s-1")
                    .containsEntry(ChangeMetadata.SCHEDULED_BY_SUBJECT, "local:alice")
                    .containsEntry(ChangeMetadata.SCHEDULED_BY_NAME, "Alice");
        });
    }

    @Test
    void a_change_is_not_applied_before_it_is_due() {
        clock.set(DUE.minusMillis(1));
        fixture.given(created(), scheduled("s-1", ScheduledChange.toggle(true)))
                .when(new ApplyScheduledFlagChange(ID, "s-1"))
                .expectException(InvalidInput.class).expectNoEvents();
    }

    @Test
    void a_second_delivery_of_an_applied_change_is_a_no_op() {
        clock.set(DUE);
        fixture.given(created(), scheduled("s-1", ScheduledChange.toggle(true)),
                        new ScheduledFlagChangeApplied(ID, "shop", "new-checkout", "s-1", "staging", DUE, DUE, 0, ALICE),
                        new FlagToggled(ID, "shop", "new-checkout", "staging", true))
                .when(new ApplyScheduledFlagChange(ID, "s-1"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void a_cancelled_change_is_never_applied() {
        clock.set(DUE);
        fixture.given(created(), scheduled("s-1", ScheduledChange.toggle(true)),
                        new ScheduledFlagChangeCancelled(ID, "shop", "new-checkout", "s-1", "staging"))
                .when(new ApplyScheduledFlagChange(ID, "s-1"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void cancelling_a_pending_change_records_it() {
        fixture.given(created(), scheduled("s-1", ScheduledChange.toggle(true)))
                .when(new CancelScheduledFlagChange(ID, "s-1", STAGING, 1L))
                .expectEvents(new ScheduledFlagChangeCancelled(ID, "shop", "new-checkout", "s-1", "staging"));
    }

    @Test
    void cancelling_names_the_environment_of_the_schedule() {
        fixture.given(created(), scheduled("s-1", ScheduledChange.toggle(true)))
                .when(new CancelScheduledFlagChange(ID, "s-1", PRODUCTION, 1L), BY_ALICE)
                .expectException(InvalidInput.class).expectNoEvents();
    }

    @Test
    void cancelling_an_unknown_schedule_is_not_found() {
        fixture.given(created())
                .when(new CancelScheduledFlagChange(ID, "nope", STAGING, 0L))
                .expectException(NotFound.class).expectNoEvents();
    }

    @Test
    void a_schedule_id_is_never_reused() {
        fixture.given(created(), scheduled("s-1", ScheduledChange.toggle(true)),
                        new ScheduledFlagChangeCancelled(ID, "shop", "new-checkout", "s-1", "staging"))
                .when(new ScheduleFlagChange(ID, "s-1", STAGING, DUE, ScheduledChange.toggle(false), 2L), BY_ALICE)
                .expectException(InvalidInput.class).expectNoEvents();
    }

    @Test
    void a_change_that_became_invalid_is_recorded_as_failed_with_the_reason() {
        clock.set(DUE.plusSeconds(1));
        fixture.given(created(), scheduled("s-1", ScheduledChange.toggle(true)),
                        new FlagArchived(ID, "shop", "new-checkout"))
                .when(new ApplyScheduledFlagChange(ID, "s-1"))
                .expectEvents(new ScheduledFlagChangeFailed(ID, "shop", "new-checkout", "s-1", "staging", DUE,
                        DUE.plusSeconds(1), "flag new-checkout is archived; restore it before changing it", ALICE));
    }

    @Test
    void a_default_rollout_replaces_only_the_fallthrough_of_the_targeting() {
        clock.set(DUE);
        Targeting withTargets = new Targeting(List.of(), List.of(new Target("on", List.of("alice"))), List.of(), null);
        ScheduledChange change = ScheduledChange.defaultServe(Serve.rollout(split(20_000, 80_000)));
        fixture.given(created(), new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", withTargets),
                        scheduled("s-1", change))
                .when(new ApplyScheduledFlagChange(ID, "s-1"))
                .expectEvents(
                        new ScheduledFlagChangeApplied(ID, "shop", "new-checkout", "s-1", "staging", DUE, DUE, 0, ALICE),
                        new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", new Targeting(List.of(),
                                List.of(new Target("on", List.of("alice"))), List.of(), split(20_000, 80_000))));
    }

    @Test
    void a_default_variation_clears_a_fallthrough_rollout() {
        clock.set(DUE);
        Targeting rollout = new Targeting(List.of(), List.of(), List.of(), split(50_000, 50_000));
        fixture.given(created(), new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", rollout),
                        scheduled("s-1", ScheduledChange.defaultServe(Serve.variation("off"))))
                .when(new ApplyScheduledFlagChange(ID, "s-1"))
                .expectEvents(
                        new ScheduledFlagChangeApplied(ID, "shop", "new-checkout", "s-1", "staging", DUE, DUE, 0, ALICE),
                        new FlagDefaultVariationChanged(ID, "shop", "new-checkout", "staging", "off"),
                        new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", Targeting.NONE));
    }

    @Test
    void a_rollout_whose_weights_do_not_add_up_is_refused_when_scheduled() {
        fixture.given(created())
                .when(new ScheduleFlagChange(ID, "s-1", STAGING, DUE,
                        ScheduledChange.defaultServe(Serve.rollout(split(10, 10))), 0L), BY_ALICE)
                .expectException(InvalidInput.class).expectNoEvents();
    }

    /** A clock the test moves, so "due" is decided deterministically. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
