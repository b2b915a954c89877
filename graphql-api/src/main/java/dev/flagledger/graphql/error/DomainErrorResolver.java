package dev.flagledger.graphql.error;

import dev.flagledger.domain.approval.ApprovalRequired;
import dev.flagledger.auth.web.RefusalLog;
import dev.flagledger.auth.web.Unavailable;
import dev.flagledger.domain.shared.Conflict;
import dev.flagledger.domain.shared.NotAllowed;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The one place where exceptions become typed GraphQL errors. Unknown failures never leak details. */
@Component
public class DomainErrorResolver extends DataFetcherExceptionResolverAdapter {
    private static final Logger log = LoggerFactory.getLogger(DomainErrorResolver.class);
    private static final RefusalLog refusals = new RefusalLog(log, Duration.ofSeconds(10));

    @Override
    protected GraphQLError resolveToSingleError(Throwable thrown, DataFetchingEnvironment environment) {
        Throwable cause = rootRejection(thrown);
        ErrorCode code = classify(cause);
        String message = cause.getMessage();
        if (code == ErrorCode.INTERNAL) {
            String incident = UUID.randomUUID().toString();
            log.error("Unexpected failure in {} (incident {})", environment.getField().getName(), incident, thrown);
            message = "Internal error (incident " + incident + ")";
        } else if (code == ErrorCode.UNAVAILABLE && cause instanceof NotReadableYet) {
            log.warn("{}: {}", environment.getField().getName(), message);
        } else if (code == ErrorCode.UNAVAILABLE) {
            refusals.refused(environment.getField().getName(), cause);
            message = "The store is unavailable; retry later";
        } else if (code == ErrorCode.CONFLICT && !(cause instanceof Conflict)) {
            message = "The object changed since you read it; reload it and retry with its current version";
        }
        return GraphqlErrorBuilder.newError(environment)
                .message(message)
                .errorType(errorType(code))
                .extensions(Map.of("code", code.name()))
                .build();
    }

    static ErrorCode classify(Throwable cause) {
        if (cause instanceof InvalidInput || cause instanceof BindException) return ErrorCode.VALIDATION;
        if (cause instanceof NotFound || cause instanceof AggregateNotFoundException) return ErrorCode.NOT_FOUND;
        // A stale expectedVersion (ConflictingAggregateVersionException) or a lost append race.
        if (cause instanceof Conflict || cause instanceof ConcurrencyException
                || cause instanceof ConflictingModificationException) return ErrorCode.CONFLICT;
        if (cause instanceof AccessDeniedException || cause instanceof NotAllowed
                || cause instanceof ApprovalRequired) return ErrorCode.FORBIDDEN;
        if (cause instanceof AuthenticationException) return ErrorCode.UNAUTHENTICATED;
        if (cause instanceof NotReadableYet || Unavailable.is(cause)) return ErrorCode.UNAVAILABLE;
        return ErrorCode.INTERNAL;
    }

    /** Axon and Spring may wrap the rejection; the innermost one we know says what happened. */
    static Throwable rootRejection(Throwable thrown) {
        Throwable known = thrown;
        for (Throwable current = thrown; current != null && current.getCause() != current; current = current.getCause())
            if (classify(current) != ErrorCode.INTERNAL) known = current;
        return known;
    }

    static ErrorType errorType(ErrorCode code) {
        return switch (code) {
            case VALIDATION, CONFLICT -> ErrorType.BAD_REQUEST;
            case NOT_FOUND -> ErrorType.NOT_FOUND;
            case FORBIDDEN -> ErrorType.FORBIDDEN;
            case UNAUTHENTICATED -> ErrorType.UNAUTHORIZED;
            case UNAVAILABLE, INTERNAL -> ErrorType.INTERNAL_ERROR;
        };
    }
}
