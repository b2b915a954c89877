package dev.flagledger.openfeature.spring;

import dev.flagledger.openfeature.FlagledgerProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.OpenFeatureAPI;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Wires the Flagledger provider when {@code flagledger.sdk.url} (with {@code flagledger.sdk.sdk-key}),
 * {@code flagledger.sdk.flag-file} or {@code flagledger.sdk.config-file} is set: the provider, set on the OpenFeature API (waiting at
 * most {@code startup-timeout}, never failing the application's start), and a {@link Client}.
 * Each bean steps aside for one the application declares itself.
 */
@AutoConfiguration
@ConditionalOnClass({FlagledgerProvider.class, OpenFeatureAPI.class})
@Conditional(FlagledgerAutoConfiguration.Configured.class)
@EnableConfigurationProperties(FlagledgerSdkProperties.class)
public class FlagledgerAutoConfiguration {

    /** Stopped with the context: syncing ends and queued events are sent. */
    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean
    public FlagledgerProvider flagledgerProvider(FlagledgerSdkProperties properties) {
        return new FlagledgerProvider(properties.toOptions());
    }

    @Bean
    @ConditionalOnMissingBean
    public OpenFeatureAPI openFeatureAPI(FlagledgerProvider provider, FlagledgerSdkProperties properties) {
        OpenFeatureAPI api = OpenFeatureAPI.getInstance();
        if (hasDomain(properties)) api.setProviderAndWait(properties.getDomain(), provider);
        else api.setProviderAndWait(provider);
        return api;
    }

    @Bean
    @ConditionalOnMissingBean
    public Client openFeatureClient(OpenFeatureAPI api, FlagledgerSdkProperties properties) {
        return hasDomain(properties) ? api.getClient(properties.getDomain()) : api.getClient();
    }

    private static boolean hasDomain(FlagledgerSdkProperties properties) {
        return properties.getDomain() != null && !properties.getDomain().isBlank();
    }

    /** A server url or a config file: either is enough to serve flags. */
    static class Configured extends AnyNestedCondition {
        Configured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "flagledger.sdk", name = "url")
        static class Url {
        }

        @ConditionalOnProperty(prefix = "flagledger.sdk", name = "config-file")
        static class ConfigFile {
        }

        @ConditionalOnProperty(prefix = "flagledger.sdk", name = "flag-file")
        static class FlagFile {
        }
    }
}
