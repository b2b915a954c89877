package dev.flagledger.domain.privacy;

/**
 * Erase a data subject: their key is deleted, so every value sealed under it reads as
 * {@link PersonalValue#ERASED} from then on. The subject's identifier travels in the command only;
 * the event names the key it destroyed, never the person.
 */
public record EraseDataSubject(String erasureId, DataSubjectKind kind, String subjectId) {
}
