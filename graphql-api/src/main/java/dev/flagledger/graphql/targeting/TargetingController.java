package dev.flagledger.graphql.targeting;

import dev.flagledger.graphql.error.NotReadableYet;
import dev.flagledger.domain.flag.SetFlagTargeting;
import dev.flagledger.domain.flag.Targeting;
import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.graphql.change.ChangeSender;
import dev.flagledger.projections.flag.FlagEnvironmentView;
import dev.flagledger.projections.flag.FlagStateQueries;
import dev.flagledger.projections.flag.FlagView;
import graphql.GraphQLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.time.Duration;
import java.util.Map;

/**
 * A flag's targeting per environment. The domain's targeting records are the GraphQL input and
 * output shapes as they are: the schema mirrors them field for field.
 */
@Controller
public class TargetingController {
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);
    private final FlagStateQueries queries;
    private final ChangeSender changes;

    public TargetingController(FlagStateQueries queries, ChangeSender changes) {
        this.queries = queries;
        this.changes = changes;
    }

    /** Input of {@code setFlagTargeting}. */
    public record SetFlagTargetingInput(String projectKey, String key, String environment, Targeting targeting,
                                        long expectedVersion, String reason) {
    }

    @MutationMapping
    public Map<String, Object> setFlagTargeting(@Argument SetFlagTargetingInput input, Authentication actor,
                                                GraphQLContext context) {
        FlagView flag = queries.flag(input.projectKey(), input.key())
                .orElseThrow(() -> new NotFound("no flag " + input.key() + " in project " + input.projectKey()));
        long version = changes.send(new SetFlagTargeting(flag.id(), new EnvironmentKey(input.environment()),
                input.targeting(), input.expectedVersion()), input.reason(), actor, context);
        FlagView changed = queries.awaitFlag(flag.id(), version, READ_YOUR_WRITE)
                .or(() -> queries.flagById(flag.id()))
                .orElseThrow(() -> new NotReadableYet("flag " + flag.id()));
        return Map.of("flag", changed);
    }

    @SchemaMapping(typeName = "FlagEnvironment", field = "targeting")
    public Targeting targeting(FlagEnvironmentView environment) {
        return environment.targeting();
    }
}
