package dev.flagledger.server.registry;

import org.axonframework.config.Configuration;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Function;

/**
 * Loads an aggregate from its event stream inside the caller's unit of work and reads facts from
 * it: the consistent view other aggregates' commands validate against, unlike the asynchronous
 * read models. Empty when the stream does not exist.
 */
@Component
public class AggregateFacts {
    private final Configuration axon;

    public AggregateFacts(@Lazy Configuration axon) {
        this.axon = axon;
    }

    public <A, F> Optional<F> of(Class<A> aggregate, String id, Function<A, F> facts) {
        if (!CurrentUnitOfWork.isStarted()) {
            // A read outside any command (an API query, the change-request applier): a unit of work of
            // its own, committed with nothing to store, which releases the aggregate's lock.
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                Optional<F> found = of(aggregate, id, facts);
                unitOfWork.commit();
                return found;
            } catch (RuntimeException failure) {
                if (unitOfWork.isActive()) unitOfWork.rollback(failure);
                throw failure;
            }
        }
        try {
            return Optional.of(axon.repository(aggregate).load(id).invoke(facts));
        } catch (AggregateNotFoundException absent) {
            return Optional.empty();
        }
    }
}
