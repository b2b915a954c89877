package dev.flagledger.graphql.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.flagledger.auth.access.Permission.ADMIN;
import static dev.flagledger.auth.access.Permission.APPROVER;
import static dev.flagledger.auth.access.Permission.EDITOR;
import static dev.flagledger.auth.access.Permission.VIEWER;
import static dev.flagledger.graphql.access.OperationRule.environment;
import static dev.flagledger.graphql.access.OperationRule.filteredForCaller;
import static dev.flagledger.graphql.access.OperationRule.global;
import static dev.flagledger.graphql.access.OperationRule.project;

/**
 * The one table of who may run which GraphQL operation; {@link OperationAuthorization} applies it
 * before any data fetcher runs. An operation that is not here is refused with FORBIDDEN, and
 * {@code OperationPermissionsTest} fails the build until it is here and in docs/auth.md. Adding an
 * operation is one line: {@code rule("Mutation.doThing", editor on input.projectKey)}.
 */
public final class OperationPermissions {
    private static final Map<String, OperationRule> RULES = new LinkedHashMap<>();

    static {
        // Projects and environments
        rule("Query.projects", filteredForCaller());
        rule("Query.project", project(VIEWER, "key"));
        rule("Mutation.createProject", global(ADMIN));
        rule("Mutation.addEnvironment", project(ADMIN, "input.projectKey"));
        rule("Mutation.renameEnvironment", project(ADMIN, "input.projectKey"));
        rule("Mutation.setEnvironmentReasonPolicy", project(ADMIN, "input.projectKey"));
        // Flags
        rule("Query.flags", project(VIEWER, "projectKey"));
        rule("Query.flag", project(VIEWER, "projectKey"));
        rule("Mutation.createFlag", project(EDITOR, "input.projectKey"));
        rule("Mutation.updateFlagDetails", project(EDITOR, "input.projectKey"));
        rule("Mutation.setFlagVariations", project(EDITOR, "input.projectKey"));
        rule("Mutation.archiveFlag", project(EDITOR, "input.projectKey"));
        rule("Mutation.restoreFlag", project(EDITOR, "input.projectKey"));
        rule("Mutation.toggleFlag", environment(EDITOR, "input.projectKey", "input.environment"));
        rule("Mutation.setDefaultVariation", environment(EDITOR, "input.projectKey", "input.environment"));
        rule("Mutation.setOffVariation", environment(EDITOR, "input.projectKey", "input.environment"));
        rule("Mutation.setFlagTargeting", environment(EDITOR, "input.projectKey", "input.environment"));
        rule("Query.evaluateFlag", environment(VIEWER, "projectKey", "environment"));
        // Stale flags: evidence about the project's flags a viewer can read anyway (docs/stale-flags.md).
        rule("Query.staleFlags", project(VIEWER, "projectKey"));
        // Scheduled changes: the same permission as making the change now, in its environment.
        rule("Query.scheduledFlagChanges", environment(VIEWER, "projectKey", "environment"));
        rule("Mutation.scheduleFlagChange", environment(EDITOR, "input.projectKey", "input.environment"));
        rule("Mutation.cancelScheduledFlagChange", environment(EDITOR, "input.projectKey", "input.environment"));
        // Segments
        rule("Query.segments", project(VIEWER, "projectKey"));
        rule("Query.segment", project(VIEWER, "projectKey"));
        rule("Mutation.createSegment", project(EDITOR, "input.projectKey"));
        rule("Mutation.updateSegment", project(EDITOR, "input.projectKey"));
        rule("Mutation.archiveSegment", project(EDITOR, "input.projectKey"));
        // Metrics and experiments (issue 11): changing serving is an editor's right in the environment.
        rule("Query.metrics", project(VIEWER, "projectKey"));
        rule("Query.metric", project(VIEWER, "projectKey"));
        rule("Query.experiments", project(VIEWER, "projectKey"));
        rule("Query.experiment", project(VIEWER, "projectKey"));
        rule("Query.experimentResults", project(VIEWER, "projectKey"));
        rule("Query.experimentResultHistory", project(VIEWER, "projectKey"));
        rule("Query.experimentPower", global(VIEWER));
        rule("Mutation.defineMetric", project(EDITOR, "input.projectKey"));
        rule("Mutation.updateMetric", project(EDITOR, "input.projectKey"));
        rule("Mutation.createExperiment", project(EDITOR, "input.projectKey"));
        rule("Mutation.updateExperiment", project(EDITOR, "input.projectKey"));
        rule("Mutation.startExperiment", environment(EDITOR, "input.projectKey", "input.environment"));
        rule("Mutation.reweightExperiment", environment(EDITOR, "input.projectKey", "input.environment"));
        rule("Mutation.stopExperiment", environment(EDITOR, "input.projectKey", "input.environment"));
        rule("Mutation.concludeExperiment", environment(EDITOR, "input.projectKey", "input.environment"));
        rule("Mutation.importMetricValues", environment(EDITOR, "input.projectKey", "input.environment"));
        // Audit and time travel
        rule("Query.auditTrail", environment(VIEWER, "filter.projectKey", "filter.environment"));
        rule("Query.verifyAuditChain", global(VIEWER));
        rule("Query.flagAsOf", project(VIEWER, "projectKey"));
        rule("Query.environmentAsOf", environment(VIEWER, "projectKey", "environment"));
        // Live updates: what a viewer of the project could read anyway, announced as it changes.
        rule("Subscription.projectChanged", project(VIEWER, "projectKey"));
        rule("Subscription.flagChanged", project(VIEWER, "projectKey"));
        // SDK keys: admin only. A key's id alone names no project, so revoking needs a global admin.
        rule("Query.sdkKeys", project(ADMIN, "projectKey"));
        rule("Mutation.createSdkKey", environment(ADMIN, "input.projectKey", "input.environment"));
        rule("Mutation.revokeSdkKey", environment(ADMIN, "input.projectKey", "input.environment"));
        // API tokens: admins of the token's scope (global when no project is named).
        rule("Query.apiTokens", project(ADMIN, "projectKey"));
        rule("Mutation.createApiToken", environment(ADMIN, "input.projectKey", "input.environment"));
        rule("Mutation.revokeApiToken", environment(ADMIN, "input.projectKey", "input.environment"));
        // Change requests and promotion (docs/approvals.md): protecting is an admin's decision; approving
        // and rejecting need the approver permission on the request's environment; the author's own
        // actions (withdraw, describe, schedule, apply, break-glass) need editor there; promotion needs
        // editor on the target environment.
        rule("Query.changeRequests", environment(VIEWER, "projectKey", "environment"));
        rule("Query.changeRequest", project(VIEWER, "projectKey"));
        rule("Mutation.setEnvironmentProtection", project(ADMIN, "input.projectKey"));
        rule("Mutation.approveChangeRequest", environment(APPROVER, "input.projectKey", "input.environment"));
        rule("Mutation.rejectChangeRequest", environment(APPROVER, "input.projectKey", "input.environment"));
        rule("Mutation.withdrawChangeRequest", environment(EDITOR, "input.projectKey", "input.environment"));
        rule("Mutation.applyChangeRequest", environment(EDITOR, "input.projectKey", "input.environment"));
        rule("Mutation.scheduleChangeRequest", environment(EDITOR, "input.projectKey", "input.environment"));
        rule("Mutation.describeChangeRequest", environment(EDITOR, "input.projectKey", "input.environment"));
        rule("Mutation.promoteFlags", environment(EDITOR, "input.projectKey", "input.to"));
        // Compliance reports (docs/compliance.md): what auditors read, per project.
        rule("Query.complianceReport", project(VIEWER, "projectKey"));
        rule("Mutation.requireSdkKeySigning", environment(ADMIN, "input.projectKey", "input.environment"));
        // Webhooks: project admins, like the project's other integrations (SDK keys).
        rule("Query.webhookSubscriptions", project(ADMIN, "projectKey"));
        rule("Query.webhookDeliveries", project(ADMIN, "projectKey"));
        rule("Mutation.createWebhookSubscription", project(ADMIN, "input.projectKey"));
        rule("Mutation.updateWebhookSubscription", project(ADMIN, "input.projectKey"));
        rule("Mutation.deleteWebhookSubscription", project(ADMIN, "input.projectKey"));
        // Personal data: erasure and the data-subject export concern people, not one project.
        rule("Mutation.eraseDataSubject", global(ADMIN));
        rule("Query.dataSubjectExport", global(ADMIN));
        // Operations
        rule("Query.readModels", global(ADMIN));
        rule("Mutation.rebuildReadModel", global(ADMIN));
    }

    private OperationPermissions() {
    }

    private static void rule(String operation, OperationRule rule) {
        if (RULES.put(operation, rule) != null) throw new IllegalStateException("two rules for " + operation);
    }

    /** {@code operation} is {@code Type.field}, e.g. {@code Mutation.toggleFlag}. */
    public static Optional<OperationRule> of(String operation) {
        return Optional.ofNullable(RULES.get(operation));
    }

    public static Map<String, OperationRule> all() {
        return Map.copyOf(RULES);
    }
}
