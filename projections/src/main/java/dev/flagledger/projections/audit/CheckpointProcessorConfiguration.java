package dev.flagledger.projections.audit;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Checkpoints get their own tracking processor (and token), so they can be rebuilt on their own and
 * a slow checkpoint never holds up the audit trail. Batches of 100 events share a transaction.
 */
@Configuration(proxyBeanMethods = false)
public class CheckpointProcessorConfiguration {

    @Bean
    ConfigurerModule timeTravelCheckpointProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(TimeTravelCheckpoints.PROCESSING_GROUP,
                        axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100)));
    }
}
