package dev.flagledger.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * An import's result: flags and segments in the files' shape (docs/gitops.md) configured for one
 * environment, and the list of what could not be represented.
 */
public record Imported(List<JsonNode> flags, List<JsonNode> segments, List<Unrepresentable> report) {
}
