package dev.flagledger.cli.gitops;

import com.fasterxml.jackson.databind.JsonNode;

/** One field that differs: a dotted path, its value on the server (null: absent) and in the files. */
public record Change(String path, JsonNode before, JsonNode after) {
}
