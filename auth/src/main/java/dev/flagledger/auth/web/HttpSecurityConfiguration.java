package dev.flagledger.auth.web;

import dev.flagledger.auth.local.LocalAccountStore;
import dev.flagledger.auth.local.LocalAdminBootstrap;
import dev.flagledger.auth.local.LocalAuthenticationProvider;
import dev.flagledger.auth.local.VerifiedCredentials;
import dev.flagledger.auth.access.Grants;
import dev.flagledger.auth.access.Permission;
import dev.flagledger.auth.access.Scope;
import dev.flagledger.auth.oidc.OidcSettings;
import dev.flagledger.auth.oidc.OidcTokens;
import dev.flagledger.auth.token.ApiTokenAuthenticator;
import dev.flagledger.auth.token.ApiTokenFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import java.time.Clock;
import java.time.Duration;

/**
 * Deny by default: only health, the GraphiQL page (which itself calls the protected endpoint), the
 * error page, the admin UI's static shell and what it needs to sign in are open. {@code /graphql}
 * needs any authenticated caller and checks each operation itself ({@code OperationPermissions} in
 * graphql-api); every other endpoint needs the permission {@link #endpointRules} gives it.
 *
 * <p>Ways in: a bearer JWT from the configured identity provider (when an issuer is set); and, unless
 * {@code flagledger.auth.local.enabled=false} (the production profile), the local admin through HTTP
 * Basic on every request for curl and the CLI (no session, no cookie), or a form login at
 * {@code /auth/login} for the browser, which keeps the admin in a session cookie. Only
 * cookie-authenticated requests can be forged cross-site, so CSRF protection (a readable
 * {@code XSRF-TOKEN} cookie echoed back as {@code X-XSRF-TOKEN}) applies to the sign-in and to every
 * request that sends a session cookie without its own {@code Authorization} header.
 */
@Configuration(proxyBeanMethods = false)
public class HttpSecurityConfiguration {
    /** The admin UI's pages and assets: the SPA shell must load before anyone signs in. */
    static final String[] ADMIN_UI = {"/", "/index.html", "/assets/**", "/favicon.svg", "/sign-in",
            "/signed-in", "/projects", "/projects/**"};

    private static final DefaultBearerTokenResolver JWT_RESOLVER = new DefaultBearerTokenResolver();

    @Bean
    OidcSettings oidcSettings(Environment environment) {
        return OidcSettings.from(environment);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, LocalAuthenticationProvider localAccounts,
                                    OidcSettings oidc, ResourceLoader resources, Environment environment,
                                    ObjectProvider<ApiTokenAuthenticator> apiTokens)
            throws Exception {
        boolean localLogin = environment.getProperty("flagledger.auth.local.enabled", Boolean.class, true);
        AuthenticationEntryPoint unauthenticated = (request, response, exception) -> {
            // The credentials could not be checked because the store is away (the local admin's hash
            // lives in the database): that is not a wrong password, and the client should retry.
            if (Unavailable.causedBy(exception)) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                ErrorBodies.write(request, response, 503, "UNAVAILABLE", "Service Unavailable",
                        "The store is unavailable; retry later");
                return;
            }
            // A script asking for JSON handles the 401 itself; the header would make the browser
            // open its own Basic login dialog over the admin UI.
            String sent = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (sent != null && sent.regionMatches(true, 0, "Bearer ", 0, 7))
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");  // RFC 6750
            else if (localLogin && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With")))
                response.setHeader("WWW-Authenticate", "Basic realm=\"flagledger\"");
            ErrorBodies.write(request, response, 401, "UNAUTHENTICATED", "Unauthorized", "Authentication required");
        };
        AccessDeniedHandler forbidden = (request, response, exception) -> {
            if (exception instanceof CsrfException)
                ErrorBodies.write(request, response, 403, "FORBIDDEN", "Forbidden", "Missing or invalid CSRF token");
            else
                ErrorBodies.write(request, response, 403, "FORBIDDEN", "Forbidden", "Access denied");
        };
        http.authorizeHttpRequests(HttpSecurityConfiguration::endpointRules)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .csrf(csrf -> csrf.spa().ignoringRequestMatchers(HttpSecurityConfiguration::cannotBeForged))
                .cors(cors -> cors.configurationSource(SecurityHeaders.cors(environment)))
                .headers(headers -> SecurityHeaders.apply(headers, oidc))
                // Only the form login creates a session. Session management stays at Spring's default on
                // purpose: naming a creation policy adds a filter that stores every Basic-authenticated
                // request in a new session. No saved request either: an anonymous 401 must not open one.
                .requestCache(cache -> cache.requestCache(new NullRequestCache()));
        // API tokens (fl_...) are checked before any other way in; the JWT resolver never sees them.
        apiTokens.ifAvailable(tokens -> http.addFilterBefore(new ApiTokenFilter(tokens, (request, response) ->
                ErrorBodies.write(request, response, 401, "UNAUTHENTICATED", "Unauthorized",
                        "Invalid, revoked or expired API token")), BasicAuthenticationFilter.class));
        if (oidc.enabled())
            http.oauth2ResourceServer(server -> server
                    .bearerTokenResolver(request -> ApiTokenFilter.presented(request).isPresent() ? null
                            : JWT_RESOLVER.resolve(request))
                    .jwt(jwt -> jwt.decoder(OidcTokens.decoder(oidc, resources))
                            .jwtAuthenticationConverter(OidcTokens.authentication(oidc)))
                    .authenticationEntryPoint(unauthenticated)
                    .accessDeniedHandler(forbidden)
                    // A token that cannot be checked because the identity provider's keys cannot be
                    // fetched (it is down) is answered 401 here, like any unverifiable token; Spring's
                    // default rethrows that case and the client saw a 500.
                    .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                        @Override
                        public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                            AuthenticationEntryPointFailureHandler failure = new AuthenticationEntryPointFailureHandler(unauthenticated);
                            failure.setRethrowAuthenticationServiceException(false);
                            filter.setAuthenticationFailureHandler(failure);
                            return filter;
                        }
                    }));
        if (localLogin)
            http.authenticationProvider(localAccounts)
                    .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated)
                            // Basic clients send credentials every time: keep them out of the session store.
                            .securityContextRepository(new RequestAttributeSecurityContextRepository()))
                    .formLogin(form -> form
                            .loginPage("/sign-in")
                            .loginProcessingUrl("/auth/login")
                            .successHandler((request, response, authentication) ->
                                    SessionBodies.signedIn(response, authentication))
                            .failureHandler((request, response, exception) -> ErrorBodies.write(request, response,
                                    401, "UNAUTHENTICATED", "Unauthorized", "Invalid username or password"))
                            .permitAll());
        else
            http.httpBasic(basic -> basic.disable()).formLogin(form -> form.disable());
        http.logout(logout -> logout
                .logoutUrl("/auth/logout")
                .deleteCookies("JSESSIONID")
                .logoutSuccessHandler((request, response, authentication) -> response.setStatus(204)));
        return http.build();
    }

    /**
     * GraphQL authorizes per operation; the audit export reads every project's history, so it needs a
     * global viewer (an auditor); anything else not listed is for global admins (actuator metrics).
     */
    private static void endpointRules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers("/graphiql", "/graphiql/**", "/error").permitAll()
                .requestMatchers(HttpMethod.GET, ADMIN_UI).permitAll()
                .requestMatchers(HttpMethod.GET, "/auth/session", "/auth/config").permitAll()
                .requestMatchers("/graphql").authenticated()
                .requestMatchers(HttpMethod.GET, "/api/audit/export").access(globally(Permission.VIEWER))
                // Compliance reports check the caller's project grant themselves (viewer on the project).
                .requestMatchers(HttpMethod.GET, "/api/compliance/**").authenticated()
                // Experiment exports name their project; the controller checks the caller may view it.
                .requestMatchers(HttpMethod.GET, "/api/experiments/export").authenticated()
                .anyRequest().access(globally(Permission.ADMIN));
    }

    private static AuthorizationManager<RequestAuthorizationContext> globally(Permission permission) {
        return (authentication, context) -> {
            Authentication caller = authentication.get();
            boolean known = caller != null && caller.isAuthenticated()
                    && !(caller instanceof AnonymousAuthenticationToken);
            return new AuthorizationDecision(known && Grants.of(caller).allow(permission, Scope.GLOBAL));
        };
    }

    /**
     * A request that carries its own credentials, or no session cookie at all, gains nothing from a
     * forged origin: it is either authenticated by what the caller sent or refused with 401. The
     * sign-in itself is always checked, so nobody can be signed into someone else's session.
     */
    static boolean cannotBeForged(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) return true;
        boolean signIn = (request.getContextPath() + "/auth/login").equals(request.getRequestURI());
        return !signIn && request.getRequestedSessionId() == null;
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
                                            @Value("${FLAGLEDGER_ADMIN_PASSWORD:}") String configuredPassword,
                                            @Value("${flagledger.auth.local.enabled:true}") boolean localLogin) {
        LocalAdminBootstrap bootstrap = new LocalAdminBootstrap(accounts, encoder);
        // With the local login off there is nobody to print a generated password for.
        if (localLogin) bootstrap.ensureAdmin(configuredPassword);
        return bootstrap;
    }
}
