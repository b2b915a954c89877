package dev.flagledger.graphql.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.ResponseError;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Carries the request's origin and correlation id into the GraphQL context, and gives every error
 * an {@code extensions.code}, including those GraphQL Java raises itself (syntax, validation, limits).
 */
@Component
public class RequestContextInterceptor implements WebGraphQlInterceptor {
    public static final String ORIGIN = "flagledger.origin";
    public static final String CORRELATION_ID = "flagledger.correlationId";
    public static final String VCS_COMMIT = "flagledger.vcsCommit";
    public static final String TICKET = "flagledger.ticket";
    /** A commit id (git: 40 or 64 hex digits; other systems: any short token) and a ticket reference. */
    private static final Pattern VCS_COMMIT_SHAPE = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");
    private static final Pattern TICKET_SHAPE = Pattern.compile("[A-Za-z0-9._:/#-]{1,128}");
    private static final Pattern CORRELATION_SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final List<String> ORIGINS = List.of("ui", "cli", "api", "import");

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String origin = request.getHeaders().getFirst("X-Flagledger-Origin");
        String correlation = request.getHeaders().getFirst("X-Correlation-Id");
        Map<String, Object> context = new HashMap<>(Map.of(
                ORIGIN, origin != null && ORIGINS.contains(origin) ? origin : "api",
                CORRELATION_ID, correlation != null && CORRELATION_SHAPE.matcher(correlation).matches()
                        ? correlation : UUID.randomUUID().toString()));
        // Ill-formed values are dropped rather than refused: they annotate a change, they never decide it.
        String commit = request.getHeaders().getFirst("X-Flagledger-Vcs-Commit");
        if (commit != null && VCS_COMMIT_SHAPE.matcher(commit).matches()) context.put(VCS_COMMIT, commit);
        String ticket = request.getHeaders().getFirst("X-Flagledger-Ticket");
        if (ticket != null && TICKET_SHAPE.matcher(ticket).matches()) context.put(TICKET, ticket);
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(context).build());
        return chain.next(request).map(this::withCodes);
    }

    private WebGraphQlResponse withCodes(WebGraphQlResponse response) {
        if (response.getErrors().stream().allMatch(error -> error.getExtensions() != null
                && error.getExtensions().containsKey("code")))
            return response;
        return response.transform(builder -> builder.errors(response.getErrors().stream()
                .map(RequestContextInterceptor::coded).toList()));
    }

    private static GraphQLError coded(ResponseError error) {
        Map<String, Object> extensions = error.getExtensions() == null ? new HashMap<>()
                : new HashMap<>(error.getExtensions());
        extensions.putIfAbsent("code", ErrorCode.VALIDATION.name());
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
                .message(error.getMessage())
                .extensions(extensions);
        // GraphQL Java leaves these null for request-level errors (limits, syntax).
        if (error.getErrorType() != null) builder.errorType(error.getErrorType());
        if (error.getParsedPath() != null && !error.getParsedPath().isEmpty()) builder.path(error.getParsedPath());
        if (error.getLocations() != null && !error.getLocations().isEmpty()) builder.locations(error.getLocations());
        return builder.build();
    }
}
