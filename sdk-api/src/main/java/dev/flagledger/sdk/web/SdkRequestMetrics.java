package dev.flagledger.sdk.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Metrics for the SDK endpoints without the per-request observation. Spring's
 * {@code http.server.requests} observation builds tag sets and looks its meter up on every request:
 * that was 14 % of a bulk OFREP request's CPU (docs/BENCHMARKS.md), more than its 20 evaluations.
 * The SDK paths instead record into timers registered once, by endpoint and outcome
 * ({@code flagledger.sdk.requests}); the admin API keeps Spring's observation.
 */
@Configuration(proxyBeanMethods = false)
public class SdkRequestMetrics {

    @Bean
    ObservationPredicate noPerRequestObservationOnSdkEndpoints() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && Endpoint.isSdk(server.getCarrier().getRequestURI()));
    }

    @Bean
    OncePerRequestFilter sdkRequestTimers(MeterRegistry registry) {
        return new Timers(registry);
    }

    /** The SDK endpoint families a request can hit. */
    enum Endpoint {
        OFREP_SINGLE, OFREP_BULK, OFREP_OTHER, CONFIG, STREAM, EVENTS, OTHER;

        static boolean isSdk(String path) {
            return path.startsWith("/ofrep/") || path.startsWith("/sdk/");
        }

        static Endpoint of(String path) {
            if (path.equals("/ofrep/v1/evaluate/flags")) return OFREP_BULK;
            if (path.startsWith("/ofrep/v1/evaluate/flags/")) return OFREP_SINGLE;
            if (path.startsWith("/ofrep/")) return OFREP_OTHER;
            if (path.startsWith("/sdk/v1/config")) return CONFIG;
            if (path.startsWith("/sdk/v1/stream")) return STREAM;
            if (path.startsWith("/sdk/v1/events")) return EVENTS;
            return OTHER;
        }
    }

    static final class Timers extends OncePerRequestFilter implements Ordered {
        private static final String[] OUTCOMES = {"INFORMATIONAL", "SUCCESS", "REDIRECTION", "CLIENT_ERROR",
                "SERVER_ERROR"};
        private final Timer[][] timers = new Timer[Endpoint.values().length][OUTCOMES.length];

        Timers(MeterRegistry registry) {
            for (Endpoint endpoint : Endpoint.values())
                for (int outcome = 0; outcome < OUTCOMES.length; outcome++)
                    timers[endpoint.ordinal()][outcome] = Timer.builder("flagledger.sdk.requests")
                            .description("SDK endpoint requests until the handler returned (streams: until opened)")
                            .tag("endpoint", endpoint.name().toLowerCase(java.util.Locale.ROOT))
                            .tag("outcome", OUTCOMES[outcome])
                            .register(registry);
        }

        /** Ahead of the security chain, so refusals (401, 429) are timed too. */
        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 10;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !Endpoint.isSdk(request.getRequestURI());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long start = System.nanoTime();
            try {
                chain.doFilter(request, response);
            } finally {
                int outcome = Math.max(0, Math.min(OUTCOMES.length - 1, response.getStatus() / 100 - 1));
                timers[Endpoint.of(request.getRequestURI()).ordinal()][outcome]
                        .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }
    }
}
