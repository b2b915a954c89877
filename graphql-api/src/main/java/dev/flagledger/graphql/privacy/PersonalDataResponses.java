package dev.flagledger.graphql.privacy;

import dev.flagledger.privacy.subject.PersonalData;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Read models hold personal values sealed; every GraphQL answer leaves with them opened (or
 * "[erased]"), whichever field they come through, including fields added later. Subscriptions
 * (a stream, not a document) open their own values.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class PersonalDataResponses implements WebGraphQlInterceptor {
    private final PersonalData personal;

    public PersonalDataResponses(PersonalData personal) {
        this.personal = personal;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            Object data = response.getExecutionResult().getData();
            if (!(data instanceof java.util.Map<?, ?>)) return response;
            Object opened = personal.openTree(data);
            return opened == data ? response : response.transform(builder -> builder.data(opened));
        });
    }
}
