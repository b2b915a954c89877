package dev.flagledger.projections.snapshot;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The snapshot processor keeps its token in memory: the snapshot itself is memory only, so after a
 * restart it must replay from the start, which a persisted token would prevent.
 */
@Configuration(proxyBeanMethods = false)
public class SnapshotProcessorConfiguration {

    @Bean
    ConfigurerModule evaluationSnapshotProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(EvaluationSnapshotProjection.PROCESSING_GROUP)
                .registerTokenStore(EvaluationSnapshotProjection.PROCESSING_GROUP, axon -> new InMemoryTokenStore()));
    }
}
