package dev.flagledger.projections.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.domain.privacy.DataSubjectKind;
import dev.flagledger.privacy.subject.PersonalData;
import dev.flagledger.privacy.subject.SubjectVault;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.flagledger.projections.flag.TimeColumns.utc;

/**
 * The data-subject export: every place the server stores something about a subject. Actors are found
 * by their subject (as author or scheduler of changes); end users by the sealed form of their key
 * (deterministic under their key, so a text search of the read models finds it) and, for history
 * written before sealing, by their key in plain JSON text. Raw SDK events name them by context key.
 */
@Component
public class DataSubjectQueries {
    /** At most this many raw SDK events are listed; the count covers them all. */
    public static final int SDK_EVENTS_LISTED = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcTemplate jdbc;
    private final PersonalData personal;

    public DataSubjectQueries(JdbcTemplate jdbc, PersonalData personal) {
        this.jdbc = jdbc;
        this.personal = personal;
    }

    public DataSubjectReport report(DataSubjectKind kind, String subjectId) {
        SubjectVault vault = personal.vault();
        Optional<SubjectVault.KeyInfo> key = vault.find(kind, subjectId);
        List<DataSubjectReport.Appearance> entries = new ArrayList<>();
        List<DataSubjectReport.Listing> listings = new ArrayList<>();
        long sdkEventCount = 0;
        List<DataSubjectReport.SdkEventRow> sdkEvents = List.of();
        if (kind == DataSubjectKind.ACTOR) {
            jdbc.query("select position, event_id, event_type, occurred_at, project_key, subject_kind, subject_key,"
                            + " actor_subject, actor_name, actor_email, scheduled_by_subject, scheduled_by_name"
                            + " from audit_entry where actor_subject = ? or scheduled_by_subject = ? order by position",
                    rs -> {
                        boolean author = subjectId.equals(rs.getString("actor_subject"));
                        Map<String, Object> values = new LinkedHashMap<>();
                        String name = rs.getString(author ? "actor_name" : "scheduled_by_name");
                        if (name != null) values.put("name", personal.open(name));
                        if (author && rs.getString("actor_email") != null)
                            values.put("email", personal.open(rs.getString("actor_email")));
                        entries.add(appearance(rs, author ? "ACTOR" : "SCHEDULED", values,
                                name == null || dev.flagledger.domain.privacy.PersonalValue.isSealed(name)));
                    }, subjectId, subjectId);
            jdbc.query("select project_key, flag_key, environment_key, summary from scheduled_flag_change"
                    + " where scheduled_by_subject = ? and status = 'PENDING' order by due_at", rs -> {
                listings.add(new DataSubjectReport.Listing(rs.getString(1), "SCHEDULED_CHANGE", rs.getString(2),
                        rs.getString(3), rs.getString(4)));
            }, subjectId);
        } else {
            List<String> forms = new ArrayList<>();
            vault.sealIfKnown(DataSubjectKind.USER, subjectId, subjectId).ifPresent(forms::add);
            forms.add(subjectId); // history written before personal data was sealed
            for (String form : forms) {
                boolean sealed = !form.equals(subjectId);
                String pattern = "%" + like(jsonText(form)) + "%";
                jdbc.query("select position, event_id, event_type, occurred_at, project_key, subject_kind, subject_key,"
                        + " changes from audit_entry where changes like ? escape '!' order by position", rs -> {
                    entries.add(appearance(rs, "LISTED", Map.of("changedFields", fieldsHolding(rs.getString("changes"),
                            form), "key", subjectId), sealed));
                }, pattern);
                jdbc.query("select f.project_key, f.flag_key, e.environment_key, e.targeting from flag_environment_view e"
                        + " join flag_view f on f.flag_id = e.flag_id where e.targeting like ? escape '!'"
                        + " order by f.project_key, f.flag_key, e.environment_key", rs -> {
                    for (String variation : targetVariations(rs.getString(4), form))
                        listings.add(new DataSubjectReport.Listing(rs.getString(1), "FLAG_TARGET", rs.getString(2),
                                rs.getString(3), variation));
                }, pattern);
                jdbc.query("select project_key, segment_key, definition from segment_view where definition like ?"
                        + " escape '!' order by project_key, segment_key", rs -> {
                    JsonNode definition = tree(rs.getString(3));
                    for (String list : List.of("included", "excluded"))
                        for (JsonNode value : definition.path(list))
                            if (form.equals(value.asText()))
                                listings.add(new DataSubjectReport.Listing(rs.getString(1), "SEGMENT_" + list.toUpperCase(
                                        java.util.Locale.ROOT), rs.getString(2), null, null));
                }, pattern);
                jdbc.query("select project_key, flag_key, environment_key, summary from scheduled_flag_change"
                        + " where status = 'PENDING' and change like ? escape '!' order by due_at", rs -> {
                    listings.add(new DataSubjectReport.Listing(rs.getString(1), "SCHEDULED_TARGET", rs.getString(2),
                            rs.getString(3), rs.getString(4)));
                }, pattern);
            }
            jdbc.query("select v.project_key, v.experiment_key, v.environment, u.arm from experiment_unit u join"
                    + " experiment_view v on v.experiment_id = u.experiment_id where u.unit_key = ? order by v.project_key,"
                    + " v.experiment_key", rs -> {
                listings.add(new DataSubjectReport.Listing(rs.getString(1), "EXPERIMENT_UNIT", rs.getString(2),
                        rs.getString(3), rs.getString(4)));
            }, subjectId);
            Long count = jdbc.queryForObject("select count(*) from sdk_event where context_key = ?", Long.class, subjectId);
            sdkEventCount = count == null ? 0 : count;
            sdkEvents = jdbc.query("select id, project_key, environment, kind, flag_key, variant, event_name, occurred_at,"
                            + " received_at from sdk_event where context_key = ? order by id desc limit " + SDK_EVENTS_LISTED,
                    (rs, row) -> new DataSubjectReport.SdkEventRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), utc(rs, 8), utc(rs, 9)),
                    subjectId);
        }
        entries.sort(java.util.Comparator.comparingLong(DataSubjectReport.Appearance::position));
        return new DataSubjectReport(kind, subjectId, key.map(SubjectVault.KeyInfo::keyId).orElse(null),
                key.map(SubjectVault.KeyInfo::createdAt).orElse(null), entries, listings, sdkEventCount, sdkEvents);
    }

    private static DataSubjectReport.Appearance appearance(ResultSet rs, String role, Map<String, Object> values,
                                                           boolean sealed) throws SQLException {
        return new DataSubjectReport.Appearance(rs.getLong("position"), rs.getString("event_id"),
                rs.getString("event_type"), utc(rs, "occurred_at"), role, rs.getString("project_key"),
                rs.getString("subject_kind"), rs.getString("subject_key"), values, sealed);
    }

    /** The dotted fields of an audit entry's changes whose before or after holds the value. */
    private static List<String> fieldsHolding(String changes, String value) {
        List<String> fields = new ArrayList<>();
        for (JsonNode change : tree(changes))
            if (holds(change.get("before"), value) || holds(change.get("after"), value))
                fields.add(change.path("field").asText());
        return fields;
    }

    private static boolean holds(JsonNode node, String value) {
        if (node == null) return false;
        if (node.isTextual()) return value.equals(node.textValue());
        for (JsonNode child : node) if (holds(child, value)) return true;
        return false;
    }

    private static List<String> targetVariations(String targeting, String value) {
        List<String> variations = new ArrayList<>();
        for (JsonNode target : tree(targeting).path("targets"))
            for (JsonNode key : target.path("keys"))
                if (value.equals(key.asText())) variations.add(target.path("variation").asText());
        return variations;
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a read-model column", e);
        }
    }

    /** The value as it appears inside JSON text: a quoted, escaped string. */
    private static String jsonText(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String like(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
