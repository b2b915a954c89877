package dev.flagledger.auth.access;

/**
 * What an operation touches: nothing in particular (global), a project, or one environment of a
 * project. Keys are compared as given; an unknown project simply matches no scoped grant.
 */
public record Scope(String project, String environment) {
    public static final Scope GLOBAL = new Scope(null, null);

    public Scope {
        if (project == null && environment != null)
            throw new IllegalArgumentException("an environment scope needs its project");
    }

    public static Scope project(String project) {
        return new Scope(project, null);
    }

    public static Scope environment(String project, String environment) {
        return new Scope(project, environment);
    }
}
