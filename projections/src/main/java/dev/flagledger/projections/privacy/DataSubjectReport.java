package dev.flagledger.projections.privacy;

import dev.flagledger.domain.privacy.DataSubjectKind;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Everything the server stores about one data subject (GDPR art. 15), with personal values opened.
 * {@code keyId} is null when no key of theirs exists (never sealed anything, or erased).
 */
public record DataSubjectReport(DataSubjectKind kind, String subjectId, String keyId, Instant keyCreatedAt,
                                List<Appearance> auditEntries, List<Listing> listings, long sdkEventCount,
                                List<SdkEventRow> sdkEvents) {

    /**
     * An event that holds their data: as its {@code ACTOR}, as the user who {@code SCHEDULED} it, or
     * {@code LISTED} in a value it changed. {@code values}: their personal values in it, opened;
     * {@code sealed}: false for plain text written before personal data was sealed (it cannot be erased).
     */
    public record Appearance(long position, String eventId, String eventType, OffsetDateTime occurredAt, String role,
                             String projectKey, String subjectKind, String subjectKey, Map<String, Object> values,
                             boolean sealed) {
    }

    /** Where they are listed now: a flag's individual targets, a segment's lists, a pending schedule. */
    public record Listing(String projectKey, String kind, String key, String environment, String detail) {
    }

    /** A raw SDK event naming them as its context key. */
    public record SdkEventRow(long id, String projectKey, String environment, String kind, String flagKey,
                              String variant, String eventName, OffsetDateTime occurredAt, OffsetDateTime receivedAt) {
    }
}
