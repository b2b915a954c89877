package dev.flagledger.projections.audit;

/**
 * What an event is about, for filtering: the project, the environment when the change is scoped to
 * one, and the flag, segment, SDK key or project it names (an erasure names its erasure id, never the
 * person).
 */
public record AuditSubject(String projectKey, String environment, Kind kind, String key) {
    public enum Kind { PROJECT, FLAG, SEGMENT, SDK_KEY, API_TOKEN, CHANGE_REQUEST, METRIC, EXPERIMENT, WEBHOOK, DATA_SUBJECT, OTHER }
}
