package dev.flagledger.server.experiment.export;

import dev.flagledger.domain.shared.InvalidInput;

import java.util.Locale;

/** What an export holds: the results (one row per metric and arm), the exposed units, or the raw events. */
public enum ExportData {
    RESULTS, EXPOSURES, EVENTS;

    public static ExportData named(String name) {
        try {
            return valueOf((name == null ? "results" : name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("data must be results, exposures or events");
        }
    }
}
