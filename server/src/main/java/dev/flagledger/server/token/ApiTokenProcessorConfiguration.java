package dev.flagledger.server.token;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The token directory is memory only, so its processor replays from the start at every boot. */
@Configuration(proxyBeanMethods = false)
public class ApiTokenProcessorConfiguration {

    @Bean
    ConfigurerModule apiTokenProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(ApiTokenDirectory.PROCESSING_GROUP)
                .registerTokenStore(ApiTokenDirectory.PROCESSING_GROUP, axon -> new InMemoryTokenStore()));
    }
}
