package dev.flagledger.server.approval;

import dev.flagledger.domain.shared.Conflict;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.projections.audit.ProposalDiff;
import dev.flagledger.projections.audit.StreamReplay;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Runs a change request's commands in one database transaction, past the {@link ApprovalGate}: as a
 * dry run (the events they would record are captured and everything is rolled back, so the diff is
 * exactly what applying would do and a bad proposal is refused before it is opened), or for real
 * (all commands and the applied record commit together, or nothing does). Each command is its own
 * unit of work inside the outer transaction, so a later command sees what an earlier one stored (a
 * segment created for a flag's rules). Aggregates cached in memory are evicted after a rollback.
 */
@Component
public class ProposalRunner {
    private static final ThreadLocal<List<EventMessage<?>>> CAPTURED = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> RUNNING = new ThreadLocal<>();
    private final CommandGateway gateway;
    private final TransactionTemplate transactions;
    private final StreamReplay replay;
    private final Cache aggregateCache;
    private final boolean transactional;

    public ProposalRunner(CommandBus commandBus, PlatformTransactionManager transactionManager, EventStore eventStore,
                          StreamReplay replay, @Qualifier("aggregateCache") Cache aggregateCache,
                          EventStorageEngine storage) {
        // Dry runs and all-or-nothing applies rest on the events being appended in the database
        // transaction; KurrentDB appends outside it, so there change requests are refused (fail closed).
        this.transactional = storage instanceof JdbcEventStorageEngine;
        this.gateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
        this.transactions = new TransactionTemplate(transactionManager);
        this.replay = replay;
        this.aggregateCache = aggregateCache;
        eventStore.registerDispatchInterceptor(new Capture());
    }

    /** One command and the aggregate it targets; {@code basedOnVersion} is checked when applying (null: not). */
    public record Planned(CommandMessage<?> command, String aggregateType, String aggregateId, String subjectKey,
                          Long basedOnVersion) {
    }

    /** What one command did: the aggregate's state before it, and the events it recorded. */
    public record Outcome(Planned planned, ProposalDiff.Current before, List<Object> events) {
    }

    /** True on the thread while a runner executes commands: the gate lets them through. */
    static boolean running() {
        return Boolean.TRUE.equals(RUNNING.get());
    }

    public List<Outcome> dryRun(List<Planned> commands) {
        return run(null, commands, false);
    }

    /** Sends {@code first} (the applied record), then the commands, and commits them all or none. */
    public List<Outcome> apply(CommandMessage<?> first, String firstAggregateId, List<Planned> commands) {
        List<Planned> all = new ArrayList<>();
        all.add(new Planned(first, "ChangeRequest", firstAggregateId, firstAggregateId, null));
        all.addAll(commands);
        return run(null, all, true);
    }

    private List<Outcome> run(Void unused, List<Planned> commands, boolean commit) {
        if (!transactional)
            throw new InvalidInput("change requests need the JDBC event store (H2 or PostgreSQL): with KurrentDB the"
                    + " proposed commands could not be tried and rolled back, nor applied all or nothing");
        boolean outer = !running();
        RUNNING.set(true);
        boolean committed = false;
        try {
            List<Outcome> outcomes = transactions.execute(status -> {
                List<Outcome> done = new ArrayList<>();
                for (Planned planned : commands) {
                    boolean first = done.isEmpty() && commit;
                    ProposalDiff.Current before = replay.current(planned.aggregateId());
                    if (planned.basedOnVersion() != null && before.version() != planned.basedOnVersion())
                        throw new Conflict(planned.aggregateType().toLowerCase() + " " + planned.subjectKey()
                                + " changed since the change request was opened (it was based on version "
                                + planned.basedOnVersion() + ", it is now at " + before.version() + ")");
                    List<EventMessage<?>> captured = new ArrayList<>();
                    CAPTURED.set(captured);
                    try {
                        gateway.sendAndWait(planned.command());
                    } catch (RuntimeException refused) {
                        throw first ? new FirstRefused(refused) : refused;
                    } finally {
                        CAPTURED.remove();
                    }
                    done.add(new Outcome(planned, before, captured.stream().<Object>map(EventMessage::getPayload).toList()));
                }
                if (!commit) status.setRollbackOnly();
                return done;
            });
            committed = commit;
            return outcomes;
        } finally {
            if (outer) RUNNING.remove();
            // Cached aggregates saw events that were rolled back: the next command must load them anew.
            if (!committed) commands.forEach(planned -> aggregateCache.remove(planned.aggregateId()));
        }
    }

    /** The first command of an apply (the applied record) was refused: nothing ran. */
    static final class FirstRefused extends RuntimeException {
        FirstRefused(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        RuntimeException refusal() {
            return (RuntimeException) getCause();
        }
    }

    /** Sees every event as it is published, and keeps those of the command a runner is executing. */
    private static final class Capture implements MessageDispatchInterceptor<EventMessage<?>> {
        @Override
        public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
            return (index, message) -> {
                List<EventMessage<?>> sink = CAPTURED.get();
                if (sink != null) sink.add(message);
                return message;
            };
        }
    }
}
