package dev.flagledger.graphql.flag;

import dev.flagledger.graphql.error.NotReadableYet;
import dev.flagledger.domain.flag.ArchiveFlag;
import dev.flagledger.domain.flag.CreateFlag;
import dev.flagledger.domain.flag.FlagKind;
import dev.flagledger.domain.flag.FlagKey;
import dev.flagledger.domain.flag.RestoreFlag;
import dev.flagledger.domain.flag.SetDefaultVariation;
import dev.flagledger.domain.flag.SetFlagVariations;
import dev.flagledger.domain.flag.SetOffVariation;
import dev.flagledger.domain.flag.ToggleFlag;
import dev.flagledger.domain.flag.UpdateFlagDetails;
import dev.flagledger.domain.flag.ValueType;
import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.project.ProjectKey;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.graphql.change.ChangeSender;
import dev.flagledger.graphql.connection.KeysetConnection;
import dev.flagledger.graphql.flag.FlagInputs.CreateFlagInput;
import dev.flagledger.graphql.flag.FlagInputs.FlagFilterInput;
import dev.flagledger.graphql.flag.FlagInputs.FlagLifecycleInput;
import dev.flagledger.graphql.flag.FlagInputs.FlagPayload;
import dev.flagledger.graphql.flag.FlagInputs.SetEnvironmentVariationInput;
import dev.flagledger.graphql.flag.FlagInputs.SetFlagVariationsInput;
import dev.flagledger.graphql.flag.FlagInputs.ToggleFlagInput;
import dev.flagledger.graphql.flag.FlagInputs.UpdateFlagDetailsInput;
import dev.flagledger.graphql.flag.FlagInputs.VariationInput;
import dev.flagledger.projections.flag.FlagEnvironmentView;
import dev.flagledger.projections.flag.FlagFilter;
import dev.flagledger.projections.flag.FlagPage;
import dev.flagledger.projections.flag.FlagStateQueries;
import dev.flagledger.projections.flag.FlagView;
import graphql.GraphQLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Flags: queries over the flag-state read model, one mutation per command. */
@Controller
public class FlagController {
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);
    private final FlagStateQueries queries;
    private final ChangeSender changes;

    public FlagController(FlagStateQueries queries, ChangeSender changes) {
        this.queries = queries;
        this.changes = changes;
    }

    @QueryMapping
    public Optional<FlagView> flag(@Argument String projectKey, @Argument String key) {
        return queries.flag(projectKey, key);
    }

    @QueryMapping
    public Map<String, Object> flags(@Argument String projectKey, @Argument FlagFilterInput filter,
                                     @Argument Integer first, @Argument String after) {
        int size = KeysetConnection.pageSize(first);
        FlagFilter criteria = filter == null ? FlagFilter.NONE
                : new FlagFilter(filter.text(), filter.tag(), filter.archived());
        FlagPage page = queries.flags(projectKey, criteria, size, KeysetConnection.keyAfter("flag", after));
        return KeysetConnection.of("flag", page.flags(), page.hasNext(), after, FlagView::key, page.totalCount());
    }

    @SchemaMapping(typeName = "Flag", field = "environment")
    public Optional<FlagEnvironmentView> environment(FlagView flag, @Argument String key) {
        return flag.environments().stream().filter(config -> config.environment().equals(key)).findFirst();
    }

    @SchemaMapping(typeName = "FlagEnvironment", field = "key")
    public String environmentKey(FlagEnvironmentView config) {
        return config.environment();
    }

    @MutationMapping
    public FlagPayload createFlag(@Argument CreateFlagInput input, Authentication actor, GraphQLContext context) {
        String flagId = UUID.randomUUID().toString();
        changes.send(new CreateFlag(flagId, new ProjectKey(input.projectKey()), new FlagKey(input.key()), input.name(),
                input.description(), input.tags(), valueType(input.valueType()),
                VariationInput.all(input.variations()), input.defaultVariation(), input.offVariation(),
                kind(input.kind())), input.reason(), actor, context);
        // A kind other than RELEASE is a second event (FlagKindChanged): show the flag with it.
        FlagKind kind = kind(input.kind());
        return changed(flagId, kind == null || kind == FlagKind.RELEASE ? 0 : 1);
    }

    @MutationMapping
    public FlagPayload updateFlagDetails(@Argument UpdateFlagDetailsInput input, Authentication actor,
                                         GraphQLContext context) {
        FlagView flag = existing(input.projectKey(), input.key());
        return changed(flag.id(), changes.send(new UpdateFlagDetails(flag.id(), input.name(), input.description(),
                input.tags(), input.expectedVersion(), kind(input.kind())), input.reason(), actor, context));
    }

    /** The schema's FlagKind enum; null keeps the domain's default (RELEASE on create, unchanged on update). */
    private static FlagKind kind(String kind) {
        return kind == null ? null : FlagKind.valueOf(kind);
    }

    @MutationMapping
    public FlagPayload setFlagVariations(@Argument SetFlagVariationsInput input, Authentication actor,
                                         GraphQLContext context) {
        FlagView flag = existing(input.projectKey(), input.key());
        return changed(flag.id(), changes.send(new SetFlagVariations(flag.id(), VariationInput.all(input.variations()),
                input.expectedVersion()), input.reason(), actor, context));
    }

    @MutationMapping
    public FlagPayload toggleFlag(@Argument ToggleFlagInput input, Authentication actor, GraphQLContext context) {
        FlagView flag = existing(input.projectKey(), input.key());
        return changed(flag.id(), changes.send(new ToggleFlag(flag.id(), new EnvironmentKey(input.environment()),
                input.enabled(), input.expectedVersion()), input.reason(), actor, context));
    }

    @MutationMapping
    public FlagPayload setDefaultVariation(@Argument SetEnvironmentVariationInput input, Authentication actor,
                                           GraphQLContext context) {
        FlagView flag = existing(input.projectKey(), input.key());
        return changed(flag.id(), changes.send(new SetDefaultVariation(flag.id(),
                new EnvironmentKey(input.environment()), input.variation(), input.expectedVersion()),
                input.reason(), actor, context));
    }

    @MutationMapping
    public FlagPayload setOffVariation(@Argument SetEnvironmentVariationInput input, Authentication actor,
                                       GraphQLContext context) {
        FlagView flag = existing(input.projectKey(), input.key());
        return changed(flag.id(), changes.send(new SetOffVariation(flag.id(), new EnvironmentKey(input.environment()),
                input.variation(), input.expectedVersion()), input.reason(), actor, context));
    }

    @MutationMapping
    public FlagPayload archiveFlag(@Argument FlagLifecycleInput input, Authentication actor, GraphQLContext context) {
        FlagView flag = existing(input.projectKey(), input.key());
        return changed(flag.id(), changes.send(new ArchiveFlag(flag.id(), input.expectedVersion()), input.reason(),
                actor, context));
    }

    @MutationMapping
    public FlagPayload restoreFlag(@Argument FlagLifecycleInput input, Authentication actor, GraphQLContext context) {
        FlagView flag = existing(input.projectKey(), input.key());
        return changed(flag.id(), changes.send(new RestoreFlag(flag.id(), input.expectedVersion()), input.reason(),
                actor, context));
    }

    private FlagView existing(String projectKey, String flagKey) {
        return queries.flag(projectKey, flagKey)
                .orElseThrow(() -> new NotFound("no flag " + flagKey + " in project " + projectKey));
    }

    private FlagPayload changed(String flagId, long version) {
        return new FlagPayload(queries.awaitFlag(flagId, version, READ_YOUR_WRITE)
                .or(() -> queries.flagById(flagId))
                .orElseThrow(() -> new NotReadableYet("flag " + flagId)));
    }

    private static ValueType valueType(String name) {
        try {
            return ValueType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (RuntimeException unknown) {
            throw new InvalidInput("unknown value type " + name);
        }
    }
}
