package dev.flagledger.sdk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers 429 with {@code Retry-After} (whole seconds, as OFREP providers parse it) once an SDK key
 * has used up its bucket. OFREP paths get OFREP's error body; the config download and the stream get
 * problem+json like their other errors.
 */
final class SdkRateLimitFilter extends OncePerRequestFilter {
    private static final String SINGLE_FLAG = "/ofrep/v1/evaluate/flags/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SdkRateLimits limits;

    SdkRateLimitFilter(SdkRateLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof SdkPrincipal principal)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Duration> wait = limits.acquire(principal.grant().id());
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        String detail = "rate limit of this SDK key exceeded; retry after " + seconds + " s";
        response.setHeader("Retry-After", String.valueOf(seconds));
        String path = request.getRequestURI();
        if (!path.startsWith("/ofrep/")) {
            Problems.write(response, 429, "Too Many Requests", detail);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (path.startsWith(SINGLE_FLAG) && path.length() > SINGLE_FLAG.length())
            body.put("key", path.substring(SINGLE_FLAG.length()));
        body.put("errorCode", "GENERAL");
        body.put("errorDetails", detail);
        response.setStatus(429);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        JSON.writeValue(response.getOutputStream(), body);
    }
}
