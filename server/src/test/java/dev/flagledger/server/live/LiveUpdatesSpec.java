package dev.flagledger.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Live updates: a subscriber hears about a change made through a mutation within a second. */
public abstract class LiveUpdatesSpec extends ServerSpec {
    private static final String FLAG_CHANGED = """
            subscription($p: String!, $k: String!) {
              flagChanged(projectKey: $p, key: $k) { projectKey flagKey environment eventType version occurredAt actor { subject name } }
            }""";
    private static final String PROJECT_CHANGED = """
            subscription($p: String!) { projectChanged(projectKey: $p) { flagKey segmentKey environment eventType version occurredAt } }""";

    @Test
    void a_flag_subscriber_receives_a_toggle_made_through_a_mutation_within_one_second() throws Exception {
        createBooleanFlag("live");
        try (SseSubscription subscription = SseSubscription.open(port, "admin", PASSWORD, FLAG_CHANGED,
                Map.of("p", project, "k", "live"))) {
            JsonNode warmUp = untilSubscribed(subscription, "live");

            long started = System.nanoTime();
            long version = warmUp.path("version").asLong();
            assertThat(toggle("live", "staging", true, version, null).ok()).isTrue();
            JsonNode event = subscription.next(Duration.ofSeconds(1));
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(event).as("no change within 1 s").isNotNull();
            assertThat(millis).isLessThan(1000);
            JsonNode change = event.path("data").path("data").path("flagChanged");
            assertThat(change.path("projectKey").asText()).isEqualTo(project);
            assertThat(change.path("flagKey").asText()).isEqualTo("live");
            assertThat(change.path("environment").asText()).isEqualTo("staging");
            assertThat(change.path("eventType").asText()).isEqualTo("FlagToggled");
            assertThat(change.path("version").asLong()).isEqualTo(version + 1);
            assertThat(change.path("actor").path("subject").asText()).isEqualTo("local:admin");
            assertThat(java.time.OffsetDateTime.parse(change.path("occurredAt").asText()).toInstant())
                    .isBetween(java.time.Instant.now().minusSeconds(5), java.time.Instant.now());
        }
    }

    @Test
    void a_flag_subscriber_hears_only_its_flag_and_a_project_subscriber_hears_every_flag_and_environment()
            throws Exception {
        createBooleanFlag("mine");
        try (SseSubscription flag = SseSubscription.open(port, "admin", PASSWORD, FLAG_CHANGED,
                Map.of("p", project, "k", "mine"));
             SseSubscription everything = SseSubscription.open(port, "admin", PASSWORD, PROJECT_CHANGED,
                     Map.of("p", project))) {
            long version = untilSubscribed(flag, "mine").path("version").asLong();
            untilProjectSubscribed(everything);

            createBooleanFlag("theirs");
            JsonNode created = everything.next(Duration.ofSeconds(2));
            assertThat(created).isNotNull();
            assertThat(created.path("data").path("data").path("projectChanged").path("flagKey").asText()).isEqualTo("theirs");
            assertThat(created.path("data").path("data").path("projectChanged").path("eventType").asText())
                    .isEqualTo("FlagCreated");

            assertThat(graphql.execute("mutation($p: String!) { addEnvironment(input: {projectKey: $p, key: \"qa\","
                    + " name: \"QA\", expectedVersion: 0}) { project { version } } }", Map.of("p", project)).ok()).isTrue();
            JsonNode environment = everything.next(Duration.ofSeconds(2)).path("data").path("data").path("projectChanged");
            assertThat(environment.path("flagKey").isNull()).isTrue();
            assertThat(environment.path("environment").asText()).isEqualTo("qa");
            assertThat(environment.path("eventType").asText()).isEqualTo("EnvironmentAdded");

            assertThat(graphql.execute("mutation($p: String!) { createSegment(input: {projectKey: $p, key: \"beta\","
                    + " name: \"Beta\", included: [\"u1\"], reason: \"beta testers\"}) { segment { key } } }", Map.of("p", project)).ok()).isTrue();
            JsonNode segment = everything.next(Duration.ofSeconds(2)).path("data").path("data").path("projectChanged");
            assertThat(segment.path("segmentKey").asText()).isEqualTo("beta");
            assertThat(segment.path("flagKey").isNull()).isTrue();
            assertThat(segment.path("eventType").asText()).isEqualTo("SegmentCreated");

            // Neither the other flag nor the project reached the flag's subscriber; its own next change does.
            assertThat(toggle("mine", "production", true, version, "go").ok()).isTrue();
            JsonNode own = flag.next(Duration.ofSeconds(2));
            assertThat(own).isNotNull();
            assertThat(own.path("data").path("data").path("flagChanged").path("eventType").asText()).isEqualTo("FlagToggled");
        }
    }

    @Test
    void an_anonymous_subscription_is_refused_with_401() throws Exception {
        try (SseSubscription anonymous = SseSubscription.open(port, null, null, PROJECT_CHANGED, Map.of("p", project))) {
            assertThat(anonymous.status(Duration.ofSeconds(5))).isEqualTo(401);
        }
    }

    /**
     * The server subscribes when it handles the request, which the client cannot observe before an
     * event arrives: change the flag until the first change comes through, then measure the next one.
     */
    private JsonNode untilSubscribed(SseSubscription subscription, String key) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            JsonNode current = graphql.execute("query($p: String!, $k: String!) { flag(projectKey: $p, key: $k) { version } }",
                    Map.of("p", project, "k", key)).data("flag");
            graphql.execute("mutation($p: String!, $k: String!, $v: Int!, $n: String!) { updateFlagDetails(input: {"
                    + "projectKey: $p, key: $k, name: $n, expectedVersion: $v}) { flag { version } } }",
                    Map.of("p", project, "k", key, "v", current.path("version").asInt(), "n", "warm-up " + attempt));
            JsonNode event = subscription.next(Duration.ofMillis(500));
            if (event != null) {
                JsonNode change = event.path("data").path("data").path("flagChanged");
                assertThat(change.path("eventType").asText()).isEqualTo("FlagDetailsUpdated");
                return change;
            }
        }
        throw new AssertionError("the subscription never delivered a change");
    }

    private void untilProjectSubscribed(SseSubscription subscription) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            createBooleanFlag("warm-up-" + attempt);
            if (subscription.next(Duration.ofMillis(500)) != null) {
                // drain what further warm-ups may have delivered
                while (subscription.next(Duration.ofMillis(200)) != null) ;
                return;
            }
        }
        throw new AssertionError("the project subscription never delivered a change");
    }
}
