package dev.flagledger.server.flag;

import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.RepeatedTest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent writers: optimistic concurrency fails loudly, set-based keys stay unique. */
public abstract class ConcurrencySpec extends ServerSpec {

    @RepeatedTest(3)
    void two_toggles_with_the_same_expected_version_one_wins_one_conflicts_and_one_event_is_written() throws Exception {
        String flagId = createBooleanFlag("race").path("id").asText();
        long eventsBefore = eventsOf(flagId);

        List<GraphQl.Response> results = concurrently(
                () -> toggle("race", "staging", true, 0, null),
                () -> toggle("race", "development", true, 0, null));

        assertThat(results).filteredOn(GraphQl.Response::ok).hasSize(1);
        assertThat(results).filteredOn(response -> !response.ok())
                .extracting(GraphQl.Response::errorCode).containsExactly("CONFLICT");
        assertThat(eventsOf(flagId)).isEqualTo(eventsBefore + 1);
    }

    @RepeatedTest(3)
    void two_creates_of_the_same_key_leave_exactly_one_flag() throws Exception {
        String create = """
                mutation($p: String!, $name: String!) { createFlag(input: {projectKey: $p, key: "twin", name: $name,
                  valueType: BOOLEAN}) { flag { id } } }""";
        long eventsBefore = eventCount();

        List<GraphQl.Response> results = concurrently(
                () -> graphql.execute(create, Map.of("p", project, "name", "first")),
                () -> graphql.execute(create, Map.of("p", project, "name", "second")));

        assertThat(results).filteredOn(GraphQl.Response::ok).hasSize(1);
        assertThat(results).filteredOn(response -> !response.ok())
                .extracting(GraphQl.Response::errorCode).containsExactly("CONFLICT");
        assertThat(eventCount()).isEqualTo(eventsBefore + 1);
        assertThat(jdbc.queryForObject("select count(*) from key_registry where scope = ? and key_value = 'twin'",
                Integer.class, "flag:" + project)).isEqualTo(1);
        GraphQl.Response listed = graphql.execute("query($p: String!) { flags(projectKey: $p) { totalCount } }",
                Map.of("p", project));
        assertThat(listed.data("flags.totalCount").asInt()).isEqualTo(1);
    }

    @SafeVarargs
    private static List<GraphQl.Response> concurrently(Callable<GraphQl.Response>... calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.length);
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            List<Future<GraphQl.Response>> futures = new java.util.ArrayList<>();
            for (Callable<GraphQl.Response> call : calls)
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            List<GraphQl.Response> responses = new java.util.ArrayList<>();
            for (Future<GraphQl.Response> future : futures) responses.add(future.get());
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
