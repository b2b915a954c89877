package dev.flagledger.graphql.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

/**
 * Errors that end a subscription's stream (a refusal, a failure while it runs) get the same
 * {@code extensions.code} as every other error ({@link DomainErrorResolver#classify}); unknown
 * failures never leak details.
 */
@Component
public class SubscriptionErrorResolver extends SubscriptionExceptionResolverAdapter {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionErrorResolver.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable thrown) {
        Throwable cause = DomainErrorResolver.rootRejection(thrown);
        ErrorCode code = DomainErrorResolver.classify(cause);
        String message = cause.getMessage();
        if (code == ErrorCode.INTERNAL) {
            String incident = UUID.randomUUID().toString();
            log.error("Unexpected failure in a subscription (incident {})", incident, thrown);
            message = "Internal error (incident " + incident + ")";
        }
        return GraphqlErrorBuilder.newError().message(message).errorType(DomainErrorResolver.errorType(code))
                .extensions(Map.of("code", code.name())).build();
    }
}
