package dev.flagledger.graphql.access;

import dev.flagledger.auth.access.Grants;
import dev.flagledger.auth.access.Permission;
import dev.flagledger.auth.access.Scope;
import graphql.schema.DataFetchingEnvironment;

import java.util.Map;

/**
 * What one GraphQL operation needs. {@code projectPath} and {@code environmentPath} name the
 * argument (dotted, e.g. {@code input.projectKey}) that says which project and environment the
 * operation touches; null means the operation is global. A path whose value is absent in a request
 * widens the scope (project, then global), so omitting an argument can only demand more.
 *
 * <p>{@code permission == null} is the one exception: any signed-in caller, because the operation
 * itself shows each caller only what they may see (the project list).
 */
public record OperationRule(Permission permission, String projectPath, String environmentPath) {
    public OperationRule {
        if (projectPath == null && environmentPath != null)
            throw new IllegalArgumentException("an environment path needs a project path");
    }

    public static OperationRule global(Permission permission) {
        return new OperationRule(permission, null, null);
    }

    public static OperationRule project(Permission permission, String projectPath) {
        return new OperationRule(permission, projectPath, null);
    }

    public static OperationRule environment(Permission permission, String projectPath, String environmentPath) {
        return new OperationRule(permission, projectPath, environmentPath);
    }

    public static OperationRule filteredForCaller() {
        return new OperationRule(null, null, null);
    }

    public boolean allows(Grants grants, DataFetchingEnvironment request) {
        if (permission == null) return true;
        return grants.allow(permission, scope(request.getArguments()));
    }

    Scope scope(Map<String, Object> arguments) {
        String project = text(arguments, projectPath);
        if (project == null) return Scope.GLOBAL;
        String environment = text(arguments, environmentPath);
        return environment == null ? Scope.project(project) : Scope.environment(project, environment);
    }

    /** The permission column of docs/auth.md. */
    public String permissionLabel() {
        return permission == null ? "signed in (filtered)" : permission.label();
    }

    /** The scope column of docs/auth.md. */
    public String scopeLabel() {
        if (permission == null) return "only projects the caller may see";
        if (projectPath == null) return "global";
        return environmentPath == null ? projectPath : projectPath + " / " + environmentPath;
    }

    private static String text(Map<String, Object> arguments, String path) {
        if (path == null) return null;
        Object value = arguments;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) return null;
            value = map.get(part);
        }
        return value instanceof String text && !text.isBlank() ? text : null;
    }
}
