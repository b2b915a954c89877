package dev.flagledger.projections.audit;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit trail runs in its own tracking processor with the shared JDBC token store: one segment,
 * so entries are written in global order and each can link to the one before it.
 */
@Configuration
public class AuditProcessorConfiguration {

    @Bean
    ConfigurerModule auditTrailProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(AuditTrailProjection.PROCESSING_GROUP));
    }
}
