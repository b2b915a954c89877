package dev.flagledger.server.approval;

import dev.flagledger.domain.approval.ApprovalRequired;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The enforcement point (docs/approvals.md): a handler interceptor on the command bus, so every path
 * that sends commands (GraphQL with a session or a token, API tokens, the CLI, anything later) meets
 * it. A command that reaches a protected environment is refused with {@link ApprovalRequired} before
 * its handler runs, unless it runs inside {@link ProposalRunner} (a dry run that is rolled back, or an
 * approved request being applied): a thread-bound state that no request can forge.
 */
public class ApprovalGate implements MessageHandlerInterceptor<CommandMessage<?>> {
    private final ProtectedTargets targets;

    public ApprovalGate(ProtectedTargets targets) {
        this.targets = targets;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!ProposalRunner.running()) {
            var guarded = targets.guarded(unitOfWork.getMessage().getPayload());
            if (guarded.isPresent())
                throw new ApprovalRequired(guarded.get().target().projectKey(), guarded.get().environment());
        }
        return chain.proceed();
    }
}
