package dev.flagledger.cli.gitops;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One thing a plan does to one subject: {@code create}, {@code update}, {@code archive} or
 * {@code restore} a {@code project}, {@code environment}, {@code segment} or {@code flag}. The
 * changes list every field that moves; {@code desired} is the subject as the files want it.
 */
public record Action(String verb, String kind, String key, List<Change> changes, JsonNode desired) {
}
