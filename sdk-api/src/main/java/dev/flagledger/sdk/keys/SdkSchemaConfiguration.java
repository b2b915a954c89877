package dev.flagledger.sdk.keys;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the SDK key schema. Boot scans {@code classpath:graphql/**} of one classpath root only, so a
 * second module's schema must be registered explicitly.
 */
@Configuration(proxyBeanMethods = false)
public class SdkSchemaConfiguration {

    @Bean
    GraphQlSourceBuilderCustomizer sdkKeySchema() {
        return builder -> builder.schemaResources(new ClassPathResource("graphql-sdk/sdk.graphqls"));
    }
}
