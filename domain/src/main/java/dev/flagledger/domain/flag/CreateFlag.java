package dev.flagledger.domain.flag;

import dev.flagledger.domain.project.ProjectKey;

import java.util.List;

/**
 * Creates a flag in a project. Boolean flags without variations get {@code on}/{@code off}. Without an
 * explicit choice the default (fallthrough) variation is the first and the off variation the last,
 * and the kind is {@link FlagKind#RELEASE}.
 */
public record CreateFlag(String flagId, ProjectKey projectKey, FlagKey flagKey, String name, String description,
                         List<String> tags, ValueType valueType, List<Variation> variations,
                         String defaultVariation, String offVariation, FlagKind kind) {

    /** A release flag. */
    public CreateFlag(String flagId, ProjectKey projectKey, FlagKey flagKey, String name, String description,
                      List<String> tags, ValueType valueType, List<Variation> variations,
                      String defaultVariation, String offVariation) {
        this(flagId, projectKey, flagKey, name, description, tags, valueType, variations, defaultVariation,
                offVariation, null);
    }
}
