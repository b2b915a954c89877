package dev.flagledger.cli.client;

/** The GraphQL documents the CLI sends, in one place so every command reads flags the same way. */
public final class Queries {
    public static final String BUCKETING = "bucketing { algorithm prefix relativeWeights fallbackVariation groupId seed modulus }";
    public static final String ROLLOUT = "weights { variation weight } bucketBy salt " + BUCKETING;
    public static final String SERVE = "variation rollout { " + ROLLOUT + " }";
    public static final String CLAUSE = "attribute operator values negate";
    public static final String TARGETING = "targeting { prerequisites { flagKey variation } targets { variation keys } "
            + "rules { id description clauses { " + CLAUSE + " } serve { " + SERVE + " } } "
            + "fallthroughRollout { " + ROLLOUT + " } }";
    public static final String FLAG = "id key name description tags valueType archived version "
            + "variations { key name description value } "
            + "environments { key enabled defaultVariation offVariation " + TARGETING + " }";
    public static final String SEGMENT = "id key name description included excluded archived version "
            + "rules { id weight bucketBy " + BUCKETING + " clauses { " + CLAUSE + " } }";
    public static final String PROJECT = "key name description version environments { key name requireReason }";

    public static final String FLAG_BY_KEY = "query($p: String!, $k: String!) { flag(projectKey: $p, key: $k) { " + FLAG + " } }";
    public static final String FLAGS_PAGE = "query($p: String!, $archived: Boolean, $tag: String, $after: String) { "
            + "flags(projectKey: $p, filter: {archived: $archived, tag: $tag}, first: 100, after: $after) { "
            + "pageInfo { hasNextPage endCursor } edges { node { " + FLAG + " } } } }";
    public static final String SEGMENTS_PAGE = "query($p: String!, $archived: Boolean, $after: String) { "
            + "segments(projectKey: $p, archived: $archived, first: 100, after: $after) { "
            + "pageInfo { hasNextPage endCursor } edges { node { " + SEGMENT + " } } } }";
    public static final String PROJECT_BY_KEY = "query($k: String!) { project(key: $k) { " + PROJECT + " } }";

    private Queries() {
    }
}
