package dev.flagledger.graphql;

import graphql.scalars.ExtendedScalars;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** Wires the JSON and DateTime scalars the schema declares. */
@Configuration(proxyBeanMethods = false)
public class ScalarConfiguration {
    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(ExtendedScalars.Json).scalar(ExtendedScalars.DateTime);
    }
}
