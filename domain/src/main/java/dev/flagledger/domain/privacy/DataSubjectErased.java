package dev.flagledger.domain.privacy;

import java.time.Instant;

/**
 * A subject's key was destroyed: {@code keyId} is the random id their sealed values carry (unlinkable
 * to the person once the key row is gone), {@code keyCreatedAt} when it was made, and
 * {@code rawEventsDeleted} how many raw SDK events (which name end users by key) were deleted with it.
 */
public record DataSubjectErased(String erasureId, String subjectKind, String keyId, Instant keyCreatedAt,
                                long rawEventsDeleted) implements PrivacyEvent {
}
