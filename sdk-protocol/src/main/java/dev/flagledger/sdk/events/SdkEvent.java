package dev.flagledger.sdk.events;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One event an SDK reports: an exposure (a context was served a flag's variant) or a custom
 * {@code track()} event. Both kinds are one sealed family so the store and later experiment
 * analysis switch over them exhaustively.
 */
public sealed interface SdkEvent permits SdkEvent.Exposure, SdkEvent.Custom {
    Pattern FLAG_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    int MAX_TEXT = 256;

    /** Who: the context's targeting key; null for an anonymous context. */
    String contextKey();

    /** When it happened, as the SDK saw it. */
    Instant occurredAt();

    /**
     * The SDK's id for this event (kept when a batch is retried), or null: the store then derives the
     * idempotency key from the event's content, so a re-sent batch is never counted twice either way.
     */
    String id();

    /** The first time a context was served a variant; SDKs send each (context, flag, variant) once per session. */
    record Exposure(String flagKey, String variant, String reason, String ruleId, String contextKey, Instant occurredAt,
                    String id) implements SdkEvent {
        public Exposure {
            require(flagKey != null && FLAG_KEY.matcher(flagKey).matches(), "flagKey", "must be a flag key");
            require(variant != null && !variant.isBlank() && variant.length() <= 128, "variant", "must be 1 to 128 characters");
            require(reason == null || reason.length() <= 64, "reason", "must be at most 64 characters");
            require(ruleId == null || (!ruleId.isEmpty() && ruleId.length() <= 64), "ruleId", "must be 1 to 64 characters");
            SdkEvent.checkCommon(contextKey, occurredAt, id);
        }
    }

    /**
     * An application event ({@code client.track(name, context, details)}).
     *
     * @param value   OpenFeature's numeric tracking value, or null
     * @param details the remaining tracking details as compact JSON, or null
     */
    record Custom(String name, Double value, String details, String contextKey, Instant occurredAt, String id)
            implements SdkEvent {
        public static final int MAX_DETAILS = 4096;

        public Custom {
            require(name != null && NAME.matcher(name).matches(), "name", "must match " + NAME);
            require(value == null || Double.isFinite(value), "value", "must be a finite number");
            require(details == null || details.length() <= MAX_DETAILS, "details", "must be at most " + MAX_DETAILS + " characters of JSON");
            SdkEvent.checkCommon(contextKey, occurredAt, id);
        }
    }

    private static void checkCommon(String contextKey, Instant occurredAt, String id) {
        require(id == null || (!id.isEmpty() && id.length() <= 64), "id", "must be 1 to 64 characters");
        require(contextKey == null || (!contextKey.isEmpty() && contextKey.length() <= MAX_TEXT), "contextKey",
                "must be 1 to " + MAX_TEXT + " characters");
        require(occurredAt != null, "timestamp", "is required (an ISO-8601 instant)");
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) throw new InvalidSdkEvent(field + ": " + message);
    }

    /** A refused event; the batch is refused whole (problem+json 400), nothing of it is stored. */
    final class InvalidSdkEvent extends RuntimeException {
        public InvalidSdkEvent(String message) {
            super(message, null, false, false);
        }
    }
}
