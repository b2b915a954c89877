package dev.flagledger.domain.privacy;

import java.time.Instant;
import java.util.Optional;

/**
 * The port to the subject keys. {@link #erase} runs in the command's transaction: the key is gone
 * exactly when the event that records it is stored.
 */
public interface SubjectKeys {
    /** Deletes the subject's key (and raw data naming them); empty when no key of theirs exists. */
    Optional<Erased> erase(DataSubjectKind kind, String subjectId);

    record Erased(String keyId, Instant keyCreatedAt, long rawEventsDeleted) {
    }
}
