package dev.flagledger.projections.audit;

import java.time.Instant;
import java.util.List;

/**
 * Which entries to list; every part is optional and the parts are ANDed. {@code flagKey} and
 * {@code segmentKey} need {@code projectKey} to be unambiguous but do not require it. The time range
 * includes {@code from} and excludes {@code to}.
 */
public record AuditFilter(String projectKey, String flagKey, String segmentKey, String environment,
                          String actor, String ticket, List<String> eventTypes, Instant from, Instant to) {
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null, null, null);

    public AuditFilter {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
    }
}
