package dev.flagledger.domain.approval;

import java.time.Instant;

/**
 * Applying was refused (most often CONFLICT: a target changed since the request was opened) and
 * nothing was applied; the request is closed, a new one must be based on the current state.
 */
public record ChangeRequestApplyFailed(String changeRequestId, String projectKey, String environment, Instant failedAt,
                                       String code, String failure) implements ChangeRequestEvent {
}
