package dev.flagledger.server.experiment;

import dev.flagledger.domain.experiment.ExperimentReweighted;
import dev.flagledger.domain.experiment.ExperimentStarted;
import dev.flagledger.domain.experiment.ExperimentStopped;
import dev.flagledger.domain.flag.ServeExperiment;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.DomainRejection;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies what an experiment recorded to its flag: its rule when it starts or is re-weighted, none when
 * it stops. A tracking processor of its own (token in {@code tokenentry}), so a change is applied even
 * after a crash between the two; the flag's command is idempotent (the same rule again records nothing).
 * The flag's event carries the experiment event's actor, reason and correlation id, and in a protected
 * environment the change request that approved it and its approvers, so the audit trail and the
 * compliance report show one change with two entries: the experiment's decision and the flag's new
 * targeting.
 */
@Component
@ProcessingGroup(ExperimentServingPolicy.PROCESSING_GROUP)
public class ExperimentServingPolicy {
    public static final String PROCESSING_GROUP = "experiment-serving";
    private static final Logger log = LoggerFactory.getLogger(ExperimentServingPolicy.class);
    private static final List<String> CARRIED = List.of(ChangeMetadata.ACTOR_SUBJECT, ChangeMetadata.ACTOR_NAME,
            ChangeMetadata.ACTOR_AUTHENTICATION, ChangeMetadata.ACTOR_IDENTITY_PROVIDER, ChangeMetadata.REASON,
            ChangeMetadata.ORIGIN, ChangeMetadata.CORRELATION_ID, ChangeMetadata.CHANGE_REQUEST_ID,
            ChangeMetadata.APPROVED_BY, ChangeMetadata.BREAK_GLASS, ChangeMetadata.APPLIED_BY_SUBJECT);
    private final CommandGateway commands;

    public ExperimentServingPolicy(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(ExperimentStarted event, EventMessage<?> message) {
        send(new ServeExperiment(event.flagId(), event.environment(), event.serving().ruleId(),
                event.serving().rule(event.experimentKey())), message, event.experimentKey());
    }

    @EventHandler
    void on(ExperimentReweighted event, EventMessage<?> message) {
        send(new ServeExperiment(event.flagId(), event.environment(), event.serving().ruleId(),
                event.serving().rule(event.experimentKey())), message, event.experimentKey());
    }

    @EventHandler
    void on(ExperimentStopped event, EventMessage<?> message) {
        send(new ServeExperiment(event.flagId(), event.environment(), event.ruleId(), null), message,
                event.experimentKey());
    }

    private void send(ServeExperiment command, EventMessage<?> cause, String experimentKey) {
        Map<String, Object> metadata = new HashMap<>();
        for (String key : CARRIED) if (cause.getMetaData().get(key) != null) metadata.put(key, cause.getMetaData().get(key));
        metadata.put("experimentKey", experimentKey);
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
        } catch (DomainRejection refused) {
            // The flag was archived or its variations changed under the experiment: retrying cannot help.
            log.warn("experiment {} could not change flag serving: {}", experimentKey, refused.getMessage());
        }
    }

    /** One thread, one segment: changes reach the flag in the order the experiment recorded them. */
    @Configuration(proxyBeanMethods = false)
    static class ProcessorConfiguration {
        @Bean
        ConfigurerModule experimentServingProcessor() {
            return configurer -> configurer.eventProcessing(processing -> processing
                    .registerTrackingEventProcessor(PROCESSING_GROUP, axon -> axon.eventStore(),
                            axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()));
        }
    }
}
