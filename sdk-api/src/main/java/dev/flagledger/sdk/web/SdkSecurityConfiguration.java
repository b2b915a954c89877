package dev.flagledger.sdk.web;

import dev.flagledger.sdk.keys.SdkKeyDirectory;
import dev.flagledger.sdk.keys.SdkSigningSecrets;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The SDK endpoints' own chain, ahead of the admin chain: bearer SDK keys only, no sessions, no
 * CSRF (no cookies are involved), no Basic or form login; then a rate limit per key.
 */
@Configuration(proxyBeanMethods = false)
public class SdkSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain sdkEndpoints(HttpSecurity http, SdkKeyDirectory keys, SdkSigningSecrets signingSecrets,
                                     SdkRateLimits limits, Environment environment) throws Exception {
        return http.securityMatcher("/ofrep/**", "/sdk/**")
                .cors(cors -> cors.configurationSource(cors(environment)))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new SdkKeyAuthenticationFilter(keys, signingSecrets), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new SdkRateLimitFilter(limits), SdkKeyAuthenticationFilter.class)
                // An SSE stream's async dispatch continues a request already authenticated by its key;
                // error dispatches render the refusal itself. Neither may be refused again.
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().authenticated())
                .build();
    }

    static final String CORS_ORIGINS = "flagledger.sdk.cors.allowed-origins";

    /**
     * Browser SDKs call from the application's own site. The keys travel as bearer headers, never
     * cookies, so answering any origin ({@code *}, the default) opens nothing a key holder could not
     * already do; an operator may still list origins. The admin API keeps its own, closed, policy.
     */
    static CorsConfigurationSource cors(Environment environment) {
        List<String> origins = Arrays.stream(environment.getProperty(CORS_ORIGINS, "*").split(","))
                .map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(origins);
        configuration.setAllowedMethods(List.of("GET", "POST"));
        configuration.setAllowedHeaders(List.of("Authorization", "X-API-Key", "Content-Type", "Accept",
                "If-None-Match", "Last-Event-ID", "Cache-Control", "Idempotency-Key", "Flagledger-Signature"));
        configuration.setExposedHeaders(List.of("ETag", "Retry-After"));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/ofrep/**", configuration);
        source.registerCorsConfiguration("/sdk/**", configuration);
        return source;
    }
}
