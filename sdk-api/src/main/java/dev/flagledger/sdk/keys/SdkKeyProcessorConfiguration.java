package dev.flagledger.sdk.keys;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The key directory is memory only, so its processor replays from the start at every boot. */
@Configuration(proxyBeanMethods = false)
public class SdkKeyProcessorConfiguration {

    @Bean
    ConfigurerModule sdkKeyProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(SdkKeyDirectory.PROCESSING_GROUP)
                .registerTokenStore(SdkKeyDirectory.PROCESSING_GROUP, axon -> new InMemoryTokenStore()));
    }
}
