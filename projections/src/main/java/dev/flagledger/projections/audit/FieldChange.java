package dev.flagledger.projections.audit;

import com.fasterxml.jackson.databind.JsonNode;

/** One field an event changed: its dotted path and its JSON value before and after (null when absent). */
public record FieldChange(String field, JsonNode before, JsonNode after) {
}
