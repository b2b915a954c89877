package dev.flagledger.server.approval;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;

/** Wires the approval gate onto the command bus and the change-request-aware gateway in front of it. */
@Configuration(proxyBeanMethods = false)
public class ApprovalConfiguration {

    @Bean
    ApprovalGate approvalGate(CommandBus commandBus, ProtectedTargets targets) {
        ApprovalGate gate = new ApprovalGate(targets);
        commandBus.registerHandlerInterceptor(gate);
        return gate;
    }

    @Bean
    @Primary
    CommandGateway commandGateway(CommandBus commandBus, @Lazy ChangeRequestService changeRequests,
                                  ApprovalGate gate) {
        return new ApprovalRoutingGateway(DefaultCommandGateway.builder().commandBus(commandBus).build(),
                changeRequests);
    }
}
