package dev.flagledger.projections.audit;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit trail runs in its own tracking processor with the shared JDBC token store: one thread and
 * one segment, so entries are written in global order and each can link to the one before it.
 * Batches of 100 events share a transaction (and a token update), which is what makes a rebuild of
 * a long history fast; within a batch each entry still reads the previous one on the same connection.
 */
@Configuration(proxyBeanMethods = false)
public class AuditProcessorConfiguration {

    @Bean
    ConfigurerModule auditTrailProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(AuditTrailProjection.PROCESSING_GROUP,
                        axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100)));
    }
}
