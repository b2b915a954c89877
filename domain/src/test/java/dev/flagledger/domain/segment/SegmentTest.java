package dev.flagledger.domain.segment;

import dev.flagledger.domain.InMemoryKeyRegistry;
import dev.flagledger.domain.flag.Clause;
import dev.flagledger.domain.project.Environment;
import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.project.ProjectKey;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.Conflict;
import dev.flagledger.domain.shared.InvalidInput;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;

class SegmentTest {
    private static final String ID = "s-1";
    private static final MetaData WITH_REASON = MetaData.with(ChangeMetadata.REASON, "beta opens");

    private final ProjectCatalog projects = key -> key.equals("shop") ? Optional.of(new ProjectFacts("shop", Map.of(
            "production", new Environment("production", "Production", true)))) : Optional.empty();
    private final Map<String, SegmentFacts> others = new HashMap<>();
    private final SegmentCatalog segments = (project, key) -> Optional.ofNullable(others.get(key));
    private final InMemoryKeyRegistry keys = new InMemoryKeyRegistry();
    private AggregateTestFixture<Segment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Segment.class);
        fixture.registerInjectableResource(projects);
        fixture.registerInjectableResource(segments);
        fixture.registerInjectableResource(keys);
    }

    private static SegmentDefinition beta(SegmentRule... rules) {
        return new SegmentDefinition("Beta testers", "", List.of("alice"), List.of("mallory"), List.of(rules));
    }

    private static SegmentRule staff() {
        return new SegmentRule("staff", List.of(new Clause("email", "endsWith", List.of("@flagledger.dev"), false)),
                null, null);
    }

    private static CreateSegment create(SegmentDefinition definition) {
        return new CreateSegment(ID, new ProjectKey("shop"), new SegmentKey("beta"), definition);
    }

    private static SegmentCreated created() {
        return new SegmentCreated(ID, "shop", "beta", beta(staff()));
    }

    @Test
    void a_segment_is_created_with_its_whole_definition() {
        fixture.givenNoPriorActivity().when(create(beta(staff())), WITH_REASON).expectEvents(created());
    }

    @Test
    void a_segment_key_is_unique_in_its_project() {
        keys.claim("segment:shop", "beta", "someone-else");
        fixture.givenNoPriorActivity().when(create(beta(staff())), WITH_REASON)
                .expectException(Conflict.class).expectNoEvents();
    }

    @Test
    void a_project_that_requires_reasons_requires_one_for_segments() {
        fixture.givenNoPriorActivity().when(create(beta(staff())))
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("reason is required"));
    }

    @Test
    void a_weighted_rule_outside_0_to_100000_is_refused() {
        fixture.givenNoPriorActivity()
                .when(create(beta(new SegmentRule("tenth", List.of(), 100_001, null))), WITH_REASON)
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("weight"));
    }

    @Test
    void a_rule_with_an_invalid_regex_is_refused() {
        fixture.givenNoPriorActivity()
                .when(create(beta(new SegmentRule("bad", List.of(new Clause("email", "matches", List.of("(x"), false)),
                        null, null))), WITH_REASON)
                .expectException(InvalidInput.class).expectNoEvents();
    }

    @Test
    void an_update_replaces_the_whole_definition() {
        SegmentDefinition updated = new SegmentDefinition("Beta", "wider", List.of("alice", "bob"), List.of(),
                List.of(staff(), new SegmentRule("tenth", List.of(), 10_000, "account.id")));
        fixture.given(created()).when(new UpdateSegment(ID, updated, 0L), WITH_REASON)
                .expectEvents(new SegmentUpdated(ID, "shop", "beta", updated));
    }

    @Test
    void a_segment_may_name_an_existing_segment_but_not_itself_or_a_cycle() {
        others.put("staff", new SegmentFacts("s-2", "staff", false, Set.of()));
        SegmentRule inStaff = new SegmentRule("in-staff", List.of(new Clause(null, "inSegment", List.of("staff"), false)),
                null, null);
        fixture.given(created()).when(new UpdateSegment(ID, beta(inStaff), 0L), WITH_REASON)
                .expectSuccessfulHandlerExecution();

        others.put("staff", new SegmentFacts("s-2", "staff", false, Set.of("beta")));
        fixture.given(created()).when(new UpdateSegment(ID, beta(inStaff), 0L), WITH_REASON)
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("would contain itself"));

        SegmentRule inSelf = new SegmentRule("self", List.of(new Clause(null, "inSegment", List.of("beta"), false)),
                null, null);
        fixture.given(created()).when(new UpdateSegment(ID, beta(inSelf), 0L), WITH_REASON)
                .expectException(InvalidInput.class).expectExceptionMessage("segment beta cannot contain itself");
    }

    @Test
    void an_archived_segment_refuses_updates_and_archiving_twice_records_nothing() {
        fixture.given(created(), new SegmentArchived(ID, "shop", "beta"))
                .when(new UpdateSegment(ID, beta(), 1L), WITH_REASON)
                .expectException(InvalidInput.class).expectExceptionMessage("segment beta is archived");
        fixture.given(created(), new SegmentArchived(ID, "shop", "beta"))
                .when(new ArchiveSegment(ID, 1L), WITH_REASON).expectNoEvents();
    }
}
