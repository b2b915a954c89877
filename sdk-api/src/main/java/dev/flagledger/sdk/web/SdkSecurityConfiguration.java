package dev.flagledger.sdk.web;

import dev.flagledger.sdk.keys.SdkKeyDirectory;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The SDK endpoints' own chain, ahead of the admin chain: bearer SDK keys only, no sessions, no
 * CSRF (no cookies are involved), no Basic or form login; then a rate limit per key.
 */
@Configuration
public class SdkSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain sdkEndpoints(HttpSecurity http, SdkKeyDirectory keys, SdkRateLimits limits) throws Exception {
        return http.securityMatcher("/ofrep/**", "/sdk/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new SdkKeyAuthenticationFilter(keys), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new SdkRateLimitFilter(limits), SdkKeyAuthenticationFilter.class)
                // An SSE stream's async dispatch continues a request already authenticated by its key;
                // error dispatches render the refusal itself. Neither may be refused again.
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().authenticated())
                .build();
    }
}
