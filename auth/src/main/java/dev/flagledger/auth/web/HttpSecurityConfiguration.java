package dev.flagledger.auth.web;

import dev.flagledger.auth.local.LocalAccountStore;
import dev.flagledger.auth.local.LocalAdminBootstrap;
import dev.flagledger.auth.local.LocalAuthenticationProvider;
import dev.flagledger.auth.local.VerifiedCredentials;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.time.Clock;
import java.time.Duration;

/**
 * Deny by default: only health, the GraphiQL page (which itself calls the protected endpoint) and the
 * error page are open; everything else needs an authenticated admin.
 */
@Configuration
public class HttpSecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, LocalAuthenticationProvider localAccounts) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"flagledger\"");
            ErrorBodies.write(request, response, 401, "UNAUTHENTICATED", "Unauthorized", "Authentication required");
        };
        AccessDeniedHandler forbidden = (request, response, exception) ->
                ErrorBodies.write(request, response, 403, "FORBIDDEN", "Forbidden", "Access denied");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/graphiql", "/graphiql/**", "/error").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .authenticationProvider(localAccounts)
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                // Stateless JSON API with credentials on every request: no cookie, so no CSRF surface.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    LocalAccountStore localAccountStore(JdbcTemplate jdbc) {
        return new LocalAccountStore(jdbc);
    }

    @Bean
    LocalAuthenticationProvider localAuthenticationProvider(LocalAccountStore accounts, PasswordEncoder encoder) {
        return new LocalAuthenticationProvider(accounts, encoder,
                new VerifiedCredentials(Duration.ofMinutes(5), Clock.systemUTC()));
    }

    @Bean
    LocalAdminBootstrap localAdminBootstrap(LocalAccountStore accounts, PasswordEncoder encoder,
                                            @Value("${FLAGLEDGER_ADMIN_PASSWORD:}") String configuredPassword) {
        LocalAdminBootstrap bootstrap = new LocalAdminBootstrap(accounts, encoder);
        bootstrap.ensureAdmin(configuredPassword);
        return bootstrap;
    }
}
