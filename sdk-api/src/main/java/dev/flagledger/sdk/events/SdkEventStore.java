package dev.flagledger.sdk.events;

import dev.flagledger.sdk.keys.SdkKeyGrant;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where accepted SDK events go: append-only, idempotent, and into the experiments' per-unit
 * aggregates. The server module implements it on the relational store (table {@code sdk_event}).
 */
public interface SdkEventStore {

    /**
     * Stores one batch in one transaction: all of it or nothing. Events already stored (same
     * idempotency key) are counted as duplicates and stored nothing; events refused one by one
     * (unknown flag, timestamp too far in the future or too old) are counted per reason.
     */
    Outcome append(SdkKeyGrant source, Instant receivedAt, List<SdkEvent> events);

    /** What happened to a batch's events; {@code stored + duplicates + rejected} is the batch's size. */
    record Outcome(int stored, int duplicates, Map<String, Integer> rejected) {
        public Outcome {
            rejected = Map.copyOf(rejected);
        }

        public int rejectedTotal() {
            return rejected.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
