package dev.flagledger.graphql.access;

import dev.flagledger.auth.access.Grants;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deny by default for every root field (Query, Mutation, Subscription): its data fetcher is wrapped so
 * that the rule from {@link OperationPermissions} is checked before it runs, and a field without a
 * rule always answers FORBIDDEN. Spring for GraphQL applies this visitor before its own context
 * decorator, so the caller's security context is in place when the check runs.
 */
@Component
public class OperationAuthorization extends GraphQLTypeVisitorStub implements GraphQlSourceBuilderCustomizer {
    static final Set<String> ROOTS = Set.of("Query", "Mutation", "Subscription");

    @Override
    public void customize(org.springframework.graphql.execution.GraphQlSource.SchemaResourceBuilder builder) {
        builder.typeVisitors(List.of(this));
    }

    @Override
    public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field,
                                                        TraverserContext<GraphQLSchemaElement> context) {
        if (!(context.getParentNode() instanceof GraphQLObjectType parent) || !ROOTS.contains(parent.getName()))
            return TraversalControl.CONTINUE;
        GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
        FieldCoordinates coordinates = FieldCoordinates.coordinates(parent, field);
        DataFetcher<?> original = registry.getDataFetcher(coordinates, field);
        registry.dataFetcher(coordinates, guarded(parent.getName() + "." + field.getName(), original));
        return TraversalControl.CONTINUE;
    }

    public static DataFetcher<?> guarded(String operation, DataFetcher<?> original) {
        Optional<OperationRule> rule = OperationPermissions.of(operation);
        boolean subscription = operation.startsWith("Subscription.");
        return request -> {
            RuntimeException refusal = refusal(operation, rule, request);
            if (refusal == null) return original.get(request);
            // A subscription must answer with a stream, even a refused one: thrown here, the refusal
            // never reached the client (GraphQL over SSE answered an untyped "supports only
            // subscriptions"). As a failed stream it arrives as one error event with its code.
            if (subscription) return Flux.error(refusal);
            throw refusal;
        };
    }

    private static RuntimeException refusal(String operation, Optional<OperationRule> rule,
                                            graphql.schema.DataFetchingEnvironment request) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken)
            return new AuthenticationCredentialsNotFoundException("Authentication required");
        if (rule.isEmpty())
            return new AccessDeniedException(operation + " has no access rule; it is refused for everyone");
        if (!rule.get().allows(Grants.of(caller), request))
            return new AccessDeniedException("You may not " + operation.substring(operation.indexOf('.') + 1)
                    + " here: it needs " + rule.get().permissionLabel() + " on " + rule.get().scopeLabel());
        return null;
    }
}
