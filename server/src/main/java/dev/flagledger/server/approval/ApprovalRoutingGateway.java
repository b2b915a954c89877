package dev.flagledger.server.approval;

import dev.flagledger.domain.approval.ApprovalRequired;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The application's command gateway: the default one, except that a command the {@link ApprovalGate}
 * refuses for a protected environment becomes a change request (answered with a
 * {@code ChangeRequestProposed}) instead of an error. Every caller of the gateway gets this for free;
 * anything that reaches the bus another way still meets the gate and changes nothing.
 */
public class ApprovalRoutingGateway implements CommandGateway {
    private final CommandGateway delegate;
    private final ChangeRequestService changeRequests;

    public ApprovalRoutingGateway(CommandGateway delegate, ChangeRequestService changeRequests) {
        this.delegate = delegate;
        this.changeRequests = changeRequests;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R sendAndWait(Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        try {
            return delegate.sendAndWait(message);
        } catch (ApprovalRequired required) {
            return (R) changeRequests.propose(message, required);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        try {
            return delegate.sendAndWait(message, timeout, unit);
        } catch (ApprovalRequired required) {
            return (R) changeRequests.propose(message, required);
        }
    }

    @Override
    public <R> CompletableFuture<R> send(Object command) {
        try {
            return CompletableFuture.completedFuture(sendAndWait(command));
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        delegate.send(command, callback);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
        return delegate.registerDispatchInterceptor(interceptor);
    }
}
