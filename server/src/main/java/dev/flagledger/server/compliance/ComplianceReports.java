package dev.flagledger.server.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.privacy.atrest.EncryptingSerializer;
import dev.flagledger.privacy.keys.Keyring;
import dev.flagledger.privacy.subject.PersonalData;
import dev.flagledger.domain.shared.InvalidInput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds compliance reports from the audit trail (entries, their stored metadata and the change
 * requests read model). A change counts when the environment it touched was protected at that point
 * of the log: protection is read from the project's own {@code EnvironmentProtectionChanged}
 * entries before the change's position; a project-wide change (variations, segments) counts when
 * any environment was protected. The linked ticket is the audit entry's (the event's own metadata: a
 * change request's applied changes carry the request's ticket), so report and audit trail agree.
 */
@Component
public class ComplianceReports {
    static final Duration MAX_PERIOD = Duration.ofDays(400);
    /** The events that change what an environment serves (not schedules' bookkeeping or descriptions). */
    static final Set<String> CHANGES = Set.of("FlagToggled", "FlagDefaultVariationChanged", "FlagOffVariationChanged",
            "FlagTargetingChanged", "FlagVariationsChanged", "FlagArchived", "FlagRestored", "SegmentUpdated",
            "SegmentArchived", "FlagChangeScheduled", "ScheduledFlagChangeCancelled");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcTemplate jdbc;
    private final ReportSigner signer;
    private final Clock clock;
    private final Keyring keyring;
    private final PersonalData personal;

    public ComplianceReports(JdbcTemplate jdbc, ReportSigner signer, Clock clock, Keyring keyring, PersonalData personal) {
        this.keyring = keyring;
        this.personal = personal;
        this.jdbc = jdbc;
        this.signer = signer;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ComplianceReport report(String projectKey, Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) throw new InvalidInput("from must be before to");
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0)
            throw new InvalidInput("a report covers at most " + MAX_PERIOD.toDays() + " days");
        Instant generatedAt = clock.instant();
        Map<String, Object> head = jdbc.query("select position, hash from audit_entry order by position desc limit 1",
                (rs, row) -> Map.<String, Object>of("position", rs.getLong(1), "hash", rs.getString(2)))
                .stream().findFirst().orElse(Map.of("position", -1L, "hash", "0".repeat(64)));
        long headPosition = (Long) head.get("position");

        List<Protection> protections = jdbc.query("select position, environment_key, changes from audit_entry"
                        + " where project_key = ? and event_type = 'EnvironmentProtectionChanged' and position <= ?"
                        + " order by position", (rs, row) -> new Protection(rs.getLong(1), rs.getString(2),
                        protectedAfter(rs.getString(3))), projectKey, headPosition);

        List<ComplianceReport.Row> changes = new ArrayList<>();
        List<ComplianceReport.Row> breakGlass = new ArrayList<>();
        jdbc.query("select a.position, a.occurred_at, a.environment_key, a.subject_kind, a.subject_key, a.event_type,"
                        + " a.changes, a.actor_subject, a.actor_name, a.reason, a.ticket, a.hash, e.metadata"
                        + " from audit_entry a join domainevententry e on e.globalindex = a.position"
                        + " where a.project_key = ? and a.occurred_at >= ? and a.occurred_at < ? and a.position <= ?"
                        + " order by a.position", rs -> {
                    String type = rs.getString("event_type");
                    if (!CHANGES.contains(type)) return;
                    long position = rs.getLong("position");
                    String environment = rs.getString("environment_key");
                    if (!protectedAt(protections, environment, position)) return;
                    JsonNode metadata = metadata(rs.getBytes("metadata"));
                    String requestId = text(metadata, ChangeMetadata.CHANGE_REQUEST_ID);
                    boolean glass = metadata.path(ChangeMetadata.BREAK_GLASS).asBoolean(false);
                    List<String> approvers = new ArrayList<>();
                    metadata.path(ChangeMetadata.APPROVED_BY).forEach(approver -> approvers.add(
                            personal.open(approver.path("name").asText()) + " <" + approver.path("subject").asText() + ">"));
                    ComplianceReport.Row row = new ComplianceReport.Row(position,
                            rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                            environment == null ? "(all)" : environment, rs.getString("subject_kind"),
                            rs.getString("subject_key"), type, fields(rs.getString("changes")),
                            rs.getString("actor_subject"), personal.open(rs.getString("actor_name")), String.join("; ", approvers),
                            rs.getString("reason"), rs.getString("ticket"),
                            requestId != null && !glass, glass, requestId, rs.getString("hash"));
                    (glass ? breakGlass : changes).add(row);
                }, projectKey, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), headPosition);

        String headHash = (String) head.get("hash");
        byte[] body = ReportCsv.body(projectKey, from, to, generatedAt, changes, breakGlass, headPosition, headHash,
                signer.keyId());
        String signature = signer.sign(body);
        byte[] csv = ReportCsv.signed(body, signer.keyId(), signature);
        return new ComplianceReport(projectKey, from, to, generatedAt, changes, breakGlass, headPosition, headHash,
                signer.keyId(), signature, sha256(body), csv);
    }

    private record Protection(long position, String environment, boolean on) {
    }

    private static boolean protectedAt(List<Protection> protections, String environment, long position) {
        Map<String, Boolean> state = new HashMap<>();
        for (Protection protection : protections) {
            if (protection.position() >= position) break;
            state.put(protection.environment(), protection.on());
        }
        return environment == null ? state.containsValue(true) : state.getOrDefault(environment, false);
    }

    private static boolean protectedAfter(String changes) {
        try {
            for (JsonNode change : JSON.readTree(changes))
                if (change.path("field").asText().endsWith(".protection")) return !change.path("after").isNull()
                        && !change.path("after").isMissingNode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return false;
    }

    private static String fields(String changes) {
        try {
            List<String> fields = new ArrayList<>();
            for (JsonNode change : JSON.readTree(changes)) fields.add(change.path("field").asText());
            return String.join(" ", fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored metadata, opened when it is encrypted at rest (docs/privacy.md). */
    private JsonNode metadata(byte[] stored) {
        try {
            byte[] bytes = stored == null ? null : keyring.open(stored, EncryptingSerializer.PURPOSE);
            return bytes == null ? JSON.createObjectNode() : JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
