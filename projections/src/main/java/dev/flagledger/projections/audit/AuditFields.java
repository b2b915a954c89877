package dev.flagledger.projections.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.flagledger.domain.approval.ChangeRequestApplied;
import dev.flagledger.domain.approval.ChangeRequestApplyFailed;
import dev.flagledger.domain.approval.ChangeRequestApplyScheduled;
import dev.flagledger.domain.approval.ChangeRequestApproved;
import dev.flagledger.domain.approval.ChangeRequestDescribed;
import dev.flagledger.domain.approval.ChangeRequestEvent;
import dev.flagledger.domain.approval.ChangeRequestOpened;
import dev.flagledger.domain.approval.ChangeRequestRejected;
import dev.flagledger.domain.approval.ChangeRequestWithdrawn;
import dev.flagledger.domain.approval.ProposedCommand;
import dev.flagledger.domain.experiment.ExperimentConcluded;
import dev.flagledger.domain.experiment.ExperimentCreated;
import dev.flagledger.domain.experiment.ExperimentEvent;
import dev.flagledger.domain.experiment.ExperimentReweighted;
import dev.flagledger.domain.experiment.ExperimentStarted;
import dev.flagledger.domain.experiment.ExperimentStatus;
import dev.flagledger.domain.experiment.ExperimentStopped;
import dev.flagledger.domain.experiment.ExperimentUpdated;
import dev.flagledger.domain.experiment.MetricDefined;
import dev.flagledger.domain.experiment.MetricDefinition;
import dev.flagledger.domain.experiment.MetricEvent;
import dev.flagledger.domain.experiment.MetricUpdated;
import dev.flagledger.domain.flag.FlagArchived;
import dev.flagledger.domain.flag.FlagChangeScheduled;
import dev.flagledger.domain.flag.FlagCreated;
import dev.flagledger.domain.flag.FlagDefaultVariationChanged;
import dev.flagledger.domain.flag.FlagDetailsUpdated;
import dev.flagledger.domain.flag.FlagEnvironment;
import dev.flagledger.domain.flag.FlagEvent;
import dev.flagledger.domain.flag.FlagKind;
import dev.flagledger.domain.flag.FlagKindChanged;
import dev.flagledger.domain.flag.FlagOffVariationChanged;
import dev.flagledger.domain.flag.FlagRestored;
import dev.flagledger.domain.flag.FlagTargetingChanged;
import dev.flagledger.domain.flag.FlagToggled;
import dev.flagledger.domain.flag.FlagVariationsChanged;
import dev.flagledger.domain.flag.ScheduledFlagChangeApplied;
import dev.flagledger.domain.flag.ScheduledFlagChangeCancelled;
import dev.flagledger.domain.flag.ScheduledFlagChangeFailed;
import dev.flagledger.domain.flag.Targeting;
import dev.flagledger.domain.privacy.DataSubjectErased;
import dev.flagledger.domain.privacy.PersonalValue;
import dev.flagledger.domain.privacy.PrivacyEvent;
import dev.flagledger.domain.project.Environment;
import dev.flagledger.domain.webhook.WebhookEvent;
import dev.flagledger.domain.webhook.WebhookSubscribed;
import dev.flagledger.domain.webhook.WebhookSubscriptionChanged;
import dev.flagledger.domain.webhook.WebhookUnsubscribed;
import dev.flagledger.domain.project.EnvironmentAdded;
import dev.flagledger.domain.project.EnvironmentProtectionChanged;
import dev.flagledger.domain.project.EnvironmentReasonPolicyChanged;
import dev.flagledger.domain.project.EnvironmentRenamed;
import dev.flagledger.domain.project.ProjectCreated;
import dev.flagledger.domain.project.ProjectEvent;
import dev.flagledger.domain.segment.SegmentArchived;
import dev.flagledger.domain.segment.SegmentCreated;
import dev.flagledger.domain.segment.SegmentDefinition;
import dev.flagledger.domain.segment.SegmentEvent;
import dev.flagledger.domain.segment.SegmentUpdated;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.Set;

/**
 * The audit's view of an event: which fields of its aggregate it assigns, as dotted paths
 * ({@code name}, {@code environments.production.enabled}). Events carry whole new values
 * (CONVENTIONS §2), so an event's assignments compared with the aggregate's previous fields give
 * exactly what it changed. Events of modules this one cannot see (SDK keys) are read from their
 * stored JSON, so the audit never needs a new dependency to record a new kind of fact.
 */
final class AuditFields {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonNode FALSE = BooleanNode.FALSE;
    private static final JsonNode TRUE = BooleanNode.TRUE;
    /** Identity and scope properties: they name the subject, they are not fields it has. */
    private static final Set<String> IDENTITY = Set.of("keyId", "tokenId", "projectKey", "environment", "environmentKey",
            "flagId", "flagKey", "segmentId", "segmentKey", "secretHash");

    private AuditFields() {
    }

    /** The fields the event assigns, in a stable order. */
    static Map<String, JsonNode> assignedBy(Object payload) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (payload instanceof ProjectEvent event) project(event, fields);
        else if (payload instanceof FlagEvent event) flag(event, fields);
        else if (payload instanceof SegmentEvent event) segment(event, fields);
        else if (payload instanceof ChangeRequestEvent event) changeRequest(event, fields);
        else if (payload instanceof MetricEvent event) metric(event, fields);
        else if (payload instanceof ExperimentEvent event) experiment(event, fields);
        else if (payload instanceof DataSubjectErased erased) erasure(erased, fields);
        else if (payload instanceof WebhookEvent event) webhook(event, fields);
        else other(payload, fields);
        // Through text and back, so values compare equal to the ones read from the stored state.
        fields.replaceAll((field, value) -> canonical(value));
        return fields;
    }

    /** What the event is about, for the entry's filter columns. */
    static AuditSubject subjectOf(Object payload) {
        if (payload instanceof ProjectEvent event) {
            String environment = null;
            if (event instanceof EnvironmentAdded added) environment = added.environment().key();
            else if (event instanceof EnvironmentRenamed renamed) environment = renamed.environmentKey();
            else if (event instanceof EnvironmentReasonPolicyChanged policy) environment = policy.environmentKey();
            else if (event instanceof EnvironmentProtectionChanged protection) environment = protection.environmentKey();
            return new AuditSubject(event.projectKey(), environment, AuditSubject.Kind.PROJECT, event.projectKey());
        }
        if (payload instanceof FlagEvent event)
            return new AuditSubject(event.projectKey(), environmentOf(event), AuditSubject.Kind.FLAG, event.flagKey());
        if (payload instanceof SegmentEvent event)
            return new AuditSubject(event.projectKey(), null, AuditSubject.Kind.SEGMENT, event.segmentKey());
        if (payload instanceof ChangeRequestEvent event)
            return new AuditSubject(event.projectKey(), event.environment(), AuditSubject.Kind.CHANGE_REQUEST,
                    event.changeRequestId());
        if (payload instanceof MetricEvent event)
            return new AuditSubject(event.projectKey(), null, AuditSubject.Kind.METRIC, event.metricKey());
        if (payload instanceof ExperimentEvent event)
            return new AuditSubject(event.projectKey(), experimentEnvironment(event), AuditSubject.Kind.EXPERIMENT,
                    event.experimentKey());
        if (payload instanceof WebhookEvent event)
            return new AuditSubject(event.projectKey(), null, AuditSubject.Kind.WEBHOOK, event.subscriptionId());
        if (payload instanceof PrivacyEvent event)
            return new AuditSubject(null, null, AuditSubject.Kind.DATA_SUBJECT, event.erasureId());
        JsonNode tree = JSON.valueToTree(payload);
        if (tree.has("tokenId"))
            return new AuditSubject(text(tree, "projectKey"), text(tree, "environment"), AuditSubject.Kind.API_TOKEN,
                    text(tree, "tokenId"));
        boolean sdkKey = tree.has("keyId");
        return new AuditSubject(text(tree, "projectKey"), text(tree, "environment"),
                sdkKey ? AuditSubject.Kind.SDK_KEY : AuditSubject.Kind.OTHER, sdkKey ? text(tree, "keyId") : null);
    }

    /**
     * The value a field has when no event assigned it yet: a flag's environment added after the flag
     * was created is off and serves the flag-level variations with no targeting (as {@code Flag} does).
     */
    static JsonNode implied(String field, Map<String, JsonNode> state) {
        // Every flag is a release until its kind is set (flags created before kinds existed too).
        if (field.equals("kind")) return state.containsKey("valueType") ? text(FlagKind.RELEASE.name()) : null;
        if (!field.startsWith("environments.")) return null;
        if (field.endsWith(".enabled")) return state.containsKey("valueType") ? FALSE : null;
        if (field.endsWith(".defaultVariation")) return state.get("defaultVariation");
        if (field.endsWith(".offVariation")) return state.get("offVariation");
        if (field.endsWith(".targeting")) return canonical(JSON.valueToTree(Targeting.NONE));
        return null;
    }

    private static void project(ProjectEvent event, Map<String, JsonNode> fields) {
        if (event instanceof ProjectCreated created) {
            fields.put("name", text(created.name()));
            fields.put("description", text(created.description()));
            for (Environment environment : created.environments()) environment(environment, fields);
        } else if (event instanceof EnvironmentAdded added) {
            environment(added.environment(), fields);
        } else if (event instanceof EnvironmentRenamed renamed) {
            fields.put("environments." + renamed.environmentKey() + ".name", text(renamed.name()));
        } else if (event instanceof EnvironmentReasonPolicyChanged policy) {
            fields.put("environments." + policy.environmentKey() + ".requireReason", bool(policy.requireReason()));
        } else if (event instanceof EnvironmentProtectionChanged protection) {
            // null removes the field: an unprotected environment has no protection at all.
            fields.put("environments." + protection.environmentKey() + ".protection",
                    protection.protection() == null ? null : JSON.valueToTree(protection.protection()));
        }
    }

    private static void environment(Environment environment, Map<String, JsonNode> fields) {
        fields.put("environments." + environment.key() + ".name", text(environment.name()));
        fields.put("environments." + environment.key() + ".requireReason", bool(environment.requireReason()));
    }

    private static void flag(FlagEvent event, Map<String, JsonNode> fields) {
        if (event instanceof FlagCreated created) {
            fields.put("name", text(created.name()));
            fields.put("description", text(created.description()));
            fields.put("tags", JSON.valueToTree(created.tags()));
            fields.put("valueType", text(created.valueType().name()));
            fields.put("variations", JSON.valueToTree(created.variations()));
            fields.put("defaultVariation", text(created.defaultVariation()));
            fields.put("offVariation", text(created.offVariation()));
            fields.put("archived", FALSE);
            for (FlagEnvironment config : created.environments()) {
                String prefix = "environments." + config.environment() + ".";
                fields.put(prefix + "enabled", bool(config.enabled()));
                fields.put(prefix + "defaultVariation", text(config.defaultVariation()));
                fields.put(prefix + "offVariation", text(config.offVariation()));
            }
        } else if (event instanceof FlagDetailsUpdated details) {
            fields.put("name", text(details.name()));
            fields.put("description", text(details.description()));
            fields.put("tags", JSON.valueToTree(details.tags()));
        } else if (event instanceof FlagKindChanged changed) {
            fields.put("kind", text(changed.kind().name()));
        } else if (event instanceof FlagVariationsChanged changed) {
            fields.put("variations", JSON.valueToTree(changed.variations()));
        } else if (event instanceof FlagToggled toggled) {
            fields.put("environments." + toggled.environment() + ".enabled", bool(toggled.enabled()));
        } else if (event instanceof FlagDefaultVariationChanged changed) {
            fields.put("environments." + changed.environment() + ".defaultVariation", text(changed.variation()));
        } else if (event instanceof FlagOffVariationChanged changed) {
            fields.put("environments." + changed.environment() + ".offVariation", text(changed.variation()));
        } else if (event instanceof FlagTargetingChanged changed) {
            fields.put("environments." + changed.environment() + ".targeting", JSON.valueToTree(changed.targeting()));
        } else if (event instanceof FlagChangeScheduled scheduled) {
            String prefix = "schedules." + scheduled.scheduleId() + ".";
            fields.put(prefix + "environment", text(scheduled.environment()));
            fields.put(prefix + "dueAt", text(scheduled.dueAt().toString()));
            fields.put(prefix + "change", JSON.valueToTree(scheduled.change()));
            fields.put(prefix + "scheduledBy", JSON.valueToTree(scheduled.scheduledBy()));
            fields.put(prefix + "status", text("PENDING"));
        } else if (event instanceof ScheduledFlagChangeCancelled cancelled) {
            fields.put("schedules." + cancelled.scheduleId() + ".status", text("CANCELLED"));
        } else if (event instanceof ScheduledFlagChangeApplied applied) {
            String prefix = "schedules." + applied.scheduleId() + ".";
            fields.put(prefix + "status", text("APPLIED"));
            fields.put(prefix + "appliedAt", text(applied.appliedAt().toString()));
            fields.put(prefix + "delayMillis", LongNode.valueOf(applied.delayMillis()));
        } else if (event instanceof ScheduledFlagChangeFailed failed) {
            String prefix = "schedules." + failed.scheduleId() + ".";
            fields.put(prefix + "status", text("FAILED"));
            fields.put(prefix + "failedAt", text(failed.failedAt().toString()));
            fields.put(prefix + "failure", text(failed.failure()));
        } else if (event instanceof FlagArchived) {
            fields.put("archived", TRUE);
        } else if (event instanceof FlagRestored) {
            fields.put("archived", FALSE);
        }
    }

    private static void segment(SegmentEvent event, Map<String, JsonNode> fields) {
        if (event instanceof SegmentCreated created) {
            definition(created.definition(), fields);
            fields.put("archived", FALSE);
        } else if (event instanceof SegmentUpdated updated) {
            definition(updated.definition(), fields);
        } else if (event instanceof SegmentArchived) {
            fields.put("archived", TRUE);
        }
    }

    private static void metric(MetricEvent event, Map<String, JsonNode> fields) {
        MetricDefinition definition = event instanceof MetricDefined defined ? defined.definition()
                : ((MetricUpdated) event).definition();
        fields.put("definition", JSON.valueToTree(definition));
    }

    /**
     * An experiment's fields: its definition while a draft, then its status, the rule it serves (weights,
     * salt) and, for a re-weighting, the period and the bandit statistics behind it, so the audit diff of a
     * re-weighting shows the old and new weights with the reason.
     */
    private static void experiment(ExperimentEvent event, Map<String, JsonNode> fields) {
        if (event instanceof ExperimentCreated created) {
            fields.put("definition", JSON.valueToTree(created.definition()));
            fields.put("status", text(ExperimentStatus.DRAFT.name()));
        } else if (event instanceof ExperimentUpdated updated) {
            fields.put("definition", JSON.valueToTree(updated.definition()));
        } else if (event instanceof ExperimentStarted started) {
            fields.put("status", text(ExperimentStatus.RUNNING.name()));
            fields.put("serving", JSON.valueToTree(started.serving()));
            fields.put("period", LongNode.valueOf(0));
            fields.put("startedAt", text(started.startedAt().toString()));
        } else if (event instanceof ExperimentReweighted reweighted) {
            fields.put("serving", JSON.valueToTree(reweighted.serving()));
            fields.put("period", LongNode.valueOf(reweighted.period()));
            fields.put("statistics", reweighted.statistics() == null ? null : JSON.valueToTree(reweighted.statistics()));
        } else if (event instanceof ExperimentStopped stopped) {
            fields.put("status", text(ExperimentStatus.STOPPED.name()));
            fields.put("stoppedAt", text(stopped.stoppedAt().toString()));
        } else if (event instanceof ExperimentConcluded concluded) {
            fields.put("status", text(ExperimentStatus.CONCLUDED.name()));
            fields.put("shippedArm", text(concluded.shippedArm()));
            fields.put("decision", text(concluded.decision()));
        }
    }

    private static String experimentEnvironment(ExperimentEvent event) {
        if (event instanceof ExperimentCreated created) return created.definition().environment();
        if (event instanceof ExperimentUpdated updated) return updated.definition().environment();
        if (event instanceof ExperimentStarted started) return started.environment();
        if (event instanceof ExperimentReweighted reweighted) return reweighted.environment();
        if (event instanceof ExperimentStopped stopped) return stopped.environment();
        return null;
    }

    private static void definition(SegmentDefinition definition, Map<String, JsonNode> fields) {
        fields.put("name", text(definition.name()));
        fields.put("description", text(definition.description()));
        fields.put("included", JSON.valueToTree(definition.included()));
        fields.put("excluded", JSON.valueToTree(definition.excluded()));
        fields.put("rules", JSON.valueToTree(definition.rules()));
        fields.put("behaviour", definition.behaviour() == null ? null : JSON.valueToTree(definition.behaviour()));
    }

    private static void changeRequest(ChangeRequestEvent event, Map<String, JsonNode> fields) {
        if (event instanceof ChangeRequestOpened opened) {
            fields.put("kind", text(opened.kind()));
            fields.put("title", text(opened.title()));
            fields.put("ticket", text(opened.ticket()));
            fields.put("author", JSON.valueToTree(opened.author()));
            fields.put("commands", JSON.valueToTree(opened.commands().stream().map(ProposedCommand::summary).toList()));
            fields.put("diff", JSON.valueToTree(opened.diff()));
            fields.put("policy", JSON.valueToTree(opened.policy()));
            fields.put("status", text("OPEN"));
        } else if (event instanceof ChangeRequestDescribed described) {
            fields.put("title", text(described.title()));
            fields.put("ticket", text(described.ticket()));
        } else if (event instanceof ChangeRequestApproved approved) {
            fields.put("approvals." + approved.approver().subject(), JSON.valueToTree(Map.of(
                    "name", String.valueOf(approved.approver().name()), "comment", approved.comment())));
            fields.put("status", text(approved.approvals() >= approved.required() ? "APPROVED" : "OPEN"));
        } else if (event instanceof ChangeRequestRejected rejected) {
            fields.put("status", text("REJECTED"));
            fields.put("rejectedBy", JSON.valueToTree(rejected.reviewer()));
            fields.put("rejection", text(rejected.comment()));
        } else if (event instanceof ChangeRequestWithdrawn) {
            fields.put("status", text("WITHDRAWN"));
        } else if (event instanceof ChangeRequestApplyScheduled scheduled) {
            fields.put("applyAt", scheduled.applyAt() == null ? null : text(scheduled.applyAt().toString()));
        } else if (event instanceof ChangeRequestApplied applied) {
            fields.put("status", text("APPLIED"));
            fields.put("appliedAt", text(applied.appliedAt().toString()));
            fields.put("appliedBy", JSON.valueToTree(applied.appliedBy()));
            fields.put("breakGlass", bool(applied.breakGlass()));
        } else if (event instanceof ChangeRequestApplyFailed failed) {
            fields.put("status", text("FAILED"));
            fields.put("failedAt", text(failed.failedAt().toString()));
            fields.put("failure", text(failed.code() + ": " + failed.failure()));
        }
    }

    /** A subscription's settings (never its secret, which no event carries). */
    private static void webhook(WebhookEvent event, Map<String, JsonNode> fields) {
        if (event instanceof WebhookSubscribed subscribed) {
            webhookSettings(subscribed.url(), subscribed.eventTypes(), subscribed.description(), true, fields);
            fields.put("deleted", FALSE);
        } else if (event instanceof WebhookSubscriptionChanged changed) {
            webhookSettings(changed.url(), changed.eventTypes(), changed.description(), changed.active(), fields);
        } else if (event instanceof WebhookUnsubscribed) {
            fields.put("active", FALSE);
            fields.put("deleted", TRUE);
        }
    }

    private static void webhookSettings(String url, List<String> eventTypes, String description, boolean active,
                                        Map<String, JsonNode> fields) {
        fields.put("url", text(url));
        fields.put("eventTypes", JSON.valueToTree(eventTypes));
        fields.put("description", text(description));
        fields.put("active", bool(active));
    }

    /** What an erasure records: whose kind, which key it destroyed (never the person) and what went with it. */
    private static void erasure(DataSubjectErased erased, Map<String, JsonNode> fields) {
        fields.put("subjectKind", text(erased.subjectKind()));
        fields.put("keyId", text(erased.keyId()));
        fields.put("keyCreatedAt", erased.keyCreatedAt() == null ? null : text(erased.keyCreatedAt().toString()));
        fields.put("rawEventsDeleted", LongNode.valueOf(erased.rawEventsDeleted()));
        fields.put("erased", TRUE);
    }

    /**
     * Events from other modules: every non-identity property is a field. A "...Revoked" event has no
     * such property, so it assigns {@code revoked}; a creation starts {@code revoked: false}.
     */
    private static void other(Object payload, Map<String, JsonNode> fields) {
        JsonNode tree = JSON.valueToTree(payload);
        Iterator<Map.Entry<String, JsonNode>> properties = tree.fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            if (!IDENTITY.contains(property.getKey())) fields.put(property.getKey(), property.getValue());
        }
        String type = payload.getClass().getSimpleName();
        if (type.endsWith("Created")) fields.put("revoked", FALSE);
        if (type.endsWith("Revoked")) fields.put("revoked", TRUE);
    }

    private static String environmentOf(FlagEvent event) {
        if (event instanceof FlagToggled toggled) return toggled.environment();
        if (event instanceof FlagDefaultVariationChanged changed) return changed.environment();
        if (event instanceof FlagOffVariationChanged changed) return changed.environment();
        if (event instanceof FlagTargetingChanged changed) return changed.environment();
        if (event instanceof FlagChangeScheduled scheduled) return scheduled.environment();
        if (event instanceof ScheduledFlagChangeCancelled cancelled) return cancelled.environment();
        if (event instanceof ScheduledFlagChangeApplied applied) return applied.environment();
        if (event instanceof ScheduledFlagChangeFailed failed) return failed.environment();
        return null;
    }

    static ObjectNode toObject(Map<String, JsonNode> state) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        state.forEach(node::set);
        return node;
    }

    static List<FieldChange> diff(Map<String, JsonNode> before, Map<String, JsonNode> assigned) {
        return diff(before, assigned, UnaryOperator.identity());
    }

    /**
     * {@code open} reads a sealed personal value (docs/privacy.md): a value stored plain before sealing
     * existed and the same value sealed now are no change (an old segment's {@code included: ["alice"]}
     * rewritten sealed by a rename).
     */
    static List<FieldChange> diff(Map<String, JsonNode> before, Map<String, JsonNode> assigned,
                                  UnaryOperator<String> open) {
        return assigned.entrySet().stream()
                .map(field -> new FieldChange(field.getKey(), before.containsKey(field.getKey())
                        ? before.get(field.getKey()) : implied(field.getKey(), before), field.getValue()))
                .filter(change -> !same(change.field(), change.before(), change.after(), open))
                .toList();
    }

    /**
     * Whether a field's two values mean the same. A property absent on one side and null on the other
     * is no change, at any depth: events gain optional properties (a rollout's {@code bucketing}), and
     * state kept from events written before them lacks the key where new events say null. A
     * variation's {@code value} is the user's own JSON, where absent and null differ, so it is
     * compared exactly.
     */
    static boolean same(String field, JsonNode before, JsonNode after) {
        return same(field, before, after, UnaryOperator.identity());
    }

    static boolean same(String field, JsonNode before, JsonNode after, UnaryOperator<String> open) {
        return sameJson(before, after, field.equals("variations") ? field : null, open);
    }

    /**
     * {@code path}: where a variation's value may be, as {@code variations}, then {@code []} for list
     * items and {@code .name} for properties; null elsewhere (no path is built where none is exact).
     */
    private static boolean sameJson(JsonNode a, JsonNode b, String path, UnaryOperator<String> open) {
        boolean aNone = a == null || a.isNull() || a.isMissingNode();
        boolean bNone = b == null || b.isNull() || b.isMissingNode();
        if (aNone || bNone) return aNone && bNone;
        if ("variations[].value".equals(path)) return a.equals(b);
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++)
                if (!sameJson(a.get(i), b.get(i), path == null ? null : path + "[]", open)) return false;
            return true;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new java.util.HashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names)
                if (!sameJson(a.get(name), b.get(name), path == null ? null : path + "." + name, open)) return false;
            return true;
        }
        if (a.isTextual() && b.isTextual() && !a.equals(b)
                && PersonalValue.isSealed(a.textValue()) != PersonalValue.isSealed(b.textValue()))
            return open.apply(a.textValue()).equals(open.apply(b.textValue()));
        return a.equals(b);
    }

    static JsonNode canonical(JsonNode value) {
        if (value == null || value.isNull()) return null;
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot normalise an audit value", e);
        }
    }

    private static JsonNode text(String value) {
        return value == null ? null : TextNode.valueOf(value);
    }

    private static JsonNode bool(boolean value) {
        return value ? TRUE : FALSE;
    }

    private static String text(JsonNode tree, String property) {
        JsonNode value = tree.get(property);
        return value == null || value.isNull() ? null : value.asText();
    }
}
