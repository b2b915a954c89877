package dev.flagledger.graphql.privacy;

import dev.flagledger.domain.privacy.DataSubjectKind;
import dev.flagledger.domain.privacy.EraseDataSubject;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.graphql.change.ChangeSender;
import dev.flagledger.projections.privacy.DataSubjectQueries;
import dev.flagledger.projections.privacy.DataSubjectReport;
import graphql.GraphQLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.util.Map;
import java.util.UUID;

/** Erasure of a data subject and their export (docs/privacy.md). */
@Controller
public class PrivacyController {
    private static final int MAX_SUBJECT = 1_024;
    private final ChangeSender changes;
    private final DataSubjectQueries subjects;

    public PrivacyController(ChangeSender changes, DataSubjectQueries subjects) {
        this.changes = changes;
        this.subjects = subjects;
    }

    record EraseDataSubjectInput(DataSubjectKind kind, String id, String reason) {
    }

    @MutationMapping
    public Map<String, Object> eraseDataSubject(@Argument EraseDataSubjectInput input, Authentication authentication,
                                                GraphQLContext context) {
        String erasureId = UUID.randomUUID().toString();
        changes.send(new EraseDataSubject(erasureId, input.kind(), subject(input.id())), input.reason(), authentication,
                context);
        return Map.of("erasureId", erasureId);
    }

    @QueryMapping
    public DataSubjectReport dataSubjectExport(@Argument DataSubjectKind kind, @Argument String id) {
        return subjects.report(kind, subject(id));
    }

    @SchemaMapping(typeName = "DataSubjectExport", field = "id")
    public String id(DataSubjectReport report) {
        return report.subjectId();
    }

    @SchemaMapping(typeName = "DataSubjectAppearance", field = "position")
    public String position(DataSubjectReport.Appearance appearance) {
        return Long.toString(appearance.position());
    }

    @SchemaMapping(typeName = "DataSubjectSdkEvent", field = "id")
    public String sdkEventId(DataSubjectReport.SdkEventRow event) {
        return Long.toString(event.id());
    }

    private static String subject(String id) {
        String subject = id == null ? "" : id.strip();
        if (subject.isEmpty()) throw new InvalidInput("the subject's identifier is required");
        if (subject.length() > MAX_SUBJECT)
            throw new InvalidInput("a subject's identifier is at most " + MAX_SUBJECT + " characters");
        return subject;
    }
}
