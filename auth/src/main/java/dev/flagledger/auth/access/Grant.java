package dev.flagledger.auth.access;

import org.springframework.security.core.GrantedAuthority;

/**
 * One permission, global ({@code project == null}), for a whole project ({@code environment == null})
 * or for one environment of a project. It is also the authority the caller's authentication carries.
 */
public record Grant(Permission permission, String project, String environment) implements GrantedAuthority {
    public Grant {
        if (permission == null) throw new IllegalArgumentException("permission is required");
        if (project == null && environment != null)
            throw new IllegalArgumentException("an environment grant needs its project");
    }

    public static Grant global(Permission permission) {
        return new Grant(permission, null, null);
    }

    /** True when this grant alone allows {@code needed} on the scope (project and environment may be null). */
    public boolean allows(Permission needed, Scope scope) {
        if (!permission.implies(needed)) return false;
        if (project == null) return true;
        if (!project.equals(scope.project())) return false;
        return environment == null || environment.equals(scope.environment());
    }

    /** True when the grant concerns the project at all: enough to see that the project exists. */
    public boolean touches(String projectKey) {
        return project == null || project.equals(projectKey);
    }

    @Override
    public String getAuthority() {
        return "GRANT_" + permission.name() + (project == null ? "" : ":" + project
                + (environment == null ? "" : ":" + environment));
    }
}
