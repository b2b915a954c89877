package dev.flagledger.evaluation.operator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import dev.flagledger.evaluation.model.JsonValues;

/**
 * Reads a point in time from a JSON value: an ISO-8601 date-time with an offset
 * ({@code 2025-03-01T12:00:00Z}, {@code 2025-03-01T13:00:00+01:00}) or an integral number of
 * epoch milliseconds. Date-only or zone-less strings are rejected: they mean different instants
 * in different places.
 */
final class Instants {
    private static final int MAX_LENGTH = 64;

    private Instants() {
    }

    static Instant parseOrNull(Object value) {
        if (value instanceof String text) {
            if (text.length() > MAX_LENGTH) {
                return null;
            }
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (value instanceof Number number) {
            String integral = JsonValues.integralText(number);
            return integral == null ? null : Instant.ofEpochMilli(Long.parseLong(integral));
        }
        return null;
    }
}
