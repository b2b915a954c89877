package dev.flagledger.projections.audit;

import java.time.Instant;

/**
 * A stream's state after its event {@code sequence}, exactly as replaying events 0..sequence folds it.
 * {@code reachedAt} is the newest timestamp among those events: a replay up to an instant may start
 * here only if no event of the prefix is after that instant. Timestamps usually grow along a stream,
 * but two servers with skewed clocks can store a later event with an earlier time, so the newest
 * one is kept rather than the last one.
 */
record Checkpoint(long sequence, Instant reachedAt, StreamAsOf state) {
}
