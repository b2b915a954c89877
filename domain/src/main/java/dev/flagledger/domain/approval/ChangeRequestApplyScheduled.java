package dev.flagledger.domain.approval;

import java.time.Instant;

/** The request applies at {@code applyAt} once approved (null: as soon as approved). */
public record ChangeRequestApplyScheduled(String changeRequestId, String projectKey, String environment,
                                          Instant applyAt) implements ChangeRequestEvent {
}
