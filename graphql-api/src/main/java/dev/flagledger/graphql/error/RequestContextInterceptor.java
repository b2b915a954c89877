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
    private static final Pattern CORRELATION_SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final List<String> ORIGINS = List.of("ui", "cli", "api", "import");

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String origin = request.getHeaders().getFirst("X-Flagledger-Origin");
        String correlation = request.getHeaders().getFirst("X-Correlation-Id");
        Map<String, Object> context = Map.of(
                ORIGIN, origin != null && ORIGINS.contains(origin) ? origin : "api",
                CORRELATION_ID, correlation != null && CORRELATION_SHAPE.matcher(correlation).matches()
                        ? correlation : UUID.randomUUID().toString());
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
