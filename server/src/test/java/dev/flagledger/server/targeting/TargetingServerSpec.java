package dev.flagledger.server.targeting;

import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;


/** Helpers for specs that target flags and create segments through GraphQL. */
public abstract class TargetingServerSpec extends ServerSpec {
    static final String SET_TARGETING = """
            mutation($input: SetFlagTargetingInput!) {
              setFlagTargeting(input: $input) {
                flag { version environment(key: "staging") { targeting {
                  prerequisites { flagKey variation }
                  targets { variation keys }
                  rules { id clauses { attribute operator values negate } serve { variation rollout { weights { variation weight } bucketBy salt } } }
                  fallthroughRollout { weights { variation weight } }
                } } }
              }
            }""";
    static final String CREATE_SEGMENT = """
            mutation($input: CreateSegmentInput!) {
              createSegment(input: $input) { segment { id key name included excluded version rules { id weight clauses { operator values } } } }
            }""";

    protected GraphQl.Response createSegment(String key, List<String> included, List<Map<String, Object>> rules) {
        return graphql.execute(CREATE_SEGMENT, Map.of("input", Map.of("projectKey", project, "key", key,
                "name", "Segment " + key, "included", included, "rules", rules, "reason", "test")));
    }

    protected GraphQl.Response setTargeting(String flag, String environment, Map<String, Object> targeting,
                                            long expectedVersion) {
        Map<String, Object> input = new HashMap<>(Map.of("projectKey", project, "key", flag,
                "environment", environment, "targeting", targeting, "expectedVersion", expectedVersion,
                "reason", "test"));
        return graphql.execute(SET_TARGETING, Map.of("input", input));
    }

    protected static Map<String, Object> clause(String attribute, String operator, List<Object> values) {
        Map<String, Object> clause = new HashMap<>(Map.of("operator", operator, "values", values));
        if (attribute != null) clause.put("attribute", attribute);
        return clause;
    }

    protected static Map<String, Object> rollout(int on, int off) {
        return Map.of("weights", List.of(Map.of("variation", "on", "weight", on), Map.of("variation", "off", "weight", off)));
    }
}
