package dev.flagledger.server.web;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Limits that keep one request from costing the server more than a request should. */
@Configuration(proxyBeanMethods = false)
public class WebLimitsConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(
            @Value("${flagledger.limits.request-body-bytes}") long limit) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(limit));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(@Value("${flagledger.limits.graphql-max-depth}") int depth) {
        return new MaxQueryDepthInstrumentation(depth);
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(
            @Value("${flagledger.limits.graphql-max-complexity}") int complexity) {
        return new MaxQueryComplexityInstrumentation(complexity);
    }
}
