package dev.flagledger.sdk.events;

import dev.flagledger.sdk.keys.SdkKeyGrant;
import java.time.Instant;
import java.util.List;

/**
 * Where accepted SDK events go: append-only, for the experimentation work that reads them later.
 * The server module implements it on the relational store (table {@code sdk_event}).
 */
public interface SdkEventStore {

    /** Appends one batch in one transaction: all of it or nothing. */
    void append(SdkKeyGrant source, Instant receivedAt, List<SdkEvent> events);
}
