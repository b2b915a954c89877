package dev.flagledger.sdk.web;

/**
 * The environment's evaluation snapshot is not built yet (the server is starting and replaying):
 * 503 with Retry-After, never a 500, so SDKs keep their cached values and retry.
 */
public final class SnapshotLoading extends RuntimeException {
    public SnapshotLoading() {
        super("the evaluation snapshot is still loading; retry shortly", null, false, false);
    }
}
