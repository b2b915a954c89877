package dev.flagledger.graphql.flag;

import dev.flagledger.domain.flag.Variation;
import dev.flagledger.projections.flag.FlagView;

import java.util.List;

/** GraphQL inputs for flag mutations, bound by Spring for GraphQL. */
final class FlagInputs {
    private FlagInputs() {
    }

    record VariationInput(String key, String name, String description, Object value) {
        Variation toVariation() {
            return new Variation(key, name, description, value);
        }

        static List<Variation> all(List<VariationInput> inputs) {
            return inputs == null ? List.of() : inputs.stream().map(VariationInput::toVariation).toList();
        }
    }

    record CreateFlagInput(String projectKey, String key, String name, String description, List<String> tags,
                           String valueType, List<VariationInput> variations, String defaultVariation,
                           String offVariation, String reason, String kind) {
    }

    record UpdateFlagDetailsInput(String projectKey, String key, String name, String description, List<String> tags,
                                  long expectedVersion, String reason, String kind) {
    }

    record SetFlagVariationsInput(String projectKey, String key, List<VariationInput> variations,
                                  long expectedVersion, String reason) {
    }

    record ToggleFlagInput(String projectKey, String key, String environment, boolean enabled, long expectedVersion,
                           String reason) {
    }

    record SetEnvironmentVariationInput(String projectKey, String key, String environment, String variation,
                                        long expectedVersion, String reason) {
    }

    record FlagLifecycleInput(String projectKey, String key, long expectedVersion, String reason) {
    }

    record FlagFilterInput(String text, String tag, Boolean archived) {
    }

    record FlagPayload(FlagView flag) {
    }
}
