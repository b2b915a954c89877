package dev.flagledger.domain.privacy;

import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.domain.shared.Reason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.Locale;

import static dev.flagledger.domain.shared.Recorder.record;

/**
 * One erasure of a data subject, recorded like any change (actor, reason, origin) so the audit trail
 * and its chain show that it happened and who asked, without showing whom it erased.
 */
public class DataSubjectErasure {
    @AggregateIdentifier
    private String erasureId;

    protected DataSubjectErasure() {
        // for Axon
    }

    @CommandHandler
    public DataSubjectErasure(EraseDataSubject command, SubjectKeys keys,
                              @MetaDataValue(ChangeMetadata.REASON) String reason) {
        if (command.kind() == null) throw new InvalidInput("kind is required");
        String subject = command.subjectId() == null ? "" : command.subjectId().strip();
        if (subject.isEmpty()) throw new InvalidInput("the subject's identifier is required");
        Reason.check(reason, true, "personal data");
        // The reason is stored forever in plain text: it must not name the person being erased.
        if (reason.toLowerCase(Locale.ROOT).contains(subject.toLowerCase(Locale.ROOT)))
            throw new InvalidInput("the reason must not contain the subject's identifier (it is kept after the erasure)");
        SubjectKeys.Erased erased = keys.erase(command.kind(), subject)
                .orElseThrow(() -> new NotFound("no personal data of this " + command.kind().name().toLowerCase(Locale.ROOT)
                        + " is held under a subject key"));
        record(new DataSubjectErased(command.erasureId(), command.kind().name(), erased.keyId(), erased.keyCreatedAt(),
                erased.rawEventsDeleted()));
    }

    @EventSourcingHandler
    void on(DataSubjectErased event) {
        erasureId = event.erasureId();
    }
}
