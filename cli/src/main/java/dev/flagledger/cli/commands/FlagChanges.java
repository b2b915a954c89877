package dev.flagledger.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.cli.client.Queries;

import java.util.function.Function;

/**
 * A flag mutation's answer: the changed flag, or, where the environment is protected, the change
 * request that now holds the change while nothing has changed yet (docs/approvals.md). Printing the
 * flag in that case would report a change that has not happened.
 */
final class FlagChanges {
    /** The selection every flag mutation asks for. */
    static final String PAYLOAD = "flag { " + Queries.FLAG + " } changeRequest { id title status }";

    private FlagChanges() {
    }

    /** Prints the flag as {@code changed} says, or the change request opened instead (the whole payload as JSON). */
    static void print(Root root, JsonNode payload, Function<JsonNode, String> changed) {
        JsonNode request = payload.path("changeRequest");
        if (request.hasNonNull("id")) {
            root.printer().print(payload, p -> "opened change request " + request.path("id").asText() + " ("
                    + request.path("title").asText() + "): the environment is protected; the change applies once approved\n");
            return;
        }
        root.printer().print(payload.path("flag"), changed);
    }
}
