package dev.flagledger.cli.dev;

import dev.flagledger.projections.snapshot.EvaluationSnapshots;
import dev.flagledger.sdk.events.SdkEventStore;
import dev.flagledger.sdk.events.SdkEventsController;
import dev.flagledger.sdk.keys.SdkKeyGrant;
import dev.flagledger.sdk.keys.SdkKeyKind;
import dev.flagledger.sdk.ofrep.OfrepController;
import dev.flagledger.sdk.ofrep.SdkPrincipalResolver;
import dev.flagledger.sdk.stream.SdkConfigController;
import dev.flagledger.sdk.web.SdkPrincipal;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Map;

/**
 * {@code flagledger dev}: the real OFREP, config, SSE and events controllers of sdk-api, in a small
 * Spring Boot application without a store or a login. Every request is treated as a server SDK
 * key of the served environment, so any key (or none) works; exposure events are accepted and
 * dropped.
 */
public final class DevServer {
    private DevServer() {
    }

    /** The environment every request reads; set before the context starts. */
    static volatile SdkKeyGrant grant;

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class})
    @Import({OfrepController.class, SdkConfigController.class, SdkEventsController.class, SdkPrincipalResolver.class})
    static class Application {
        @Bean
        EvaluationSnapshots evaluationSnapshots() {
            return SNAPSHOTS;
        }

        @Bean
        SdkEventStore droppedEvents() {
            // Dev mode keeps no events: each batch is answered as taken in, nothing is stored or counted.
            return (source, receivedAt, events) -> new SdkEventStore.Outcome(events.size(), 0, java.util.Map.of());
        }

        /** No login: each SDK request acts as the dev key; browsers may call from any origin. */
        @Bean
        Filter devAccess() {
            return (request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                HttpServletResponse out = (HttpServletResponse) response;
                out.setHeader("Access-Control-Allow-Origin", "*");
                out.setHeader("Access-Control-Allow-Headers", "Authorization, X-API-Key, Content-Type, If-None-Match, Last-Event-ID");
                out.setHeader("Access-Control-Expose-Headers", "ETag");
                if ("OPTIONS".equals(http.getMethod())) {
                    out.setStatus(204);
                    return;
                }
                SdkPrincipal principal = new SdkPrincipal(grant);
                SecurityContextHolder.getContext().setAuthentication(principal);
                try {
                    // Spring MVC hands Principal parameters the request's user principal, as Spring
                    // Security's request wrapper does on the server.
                    chain.doFilter(new HttpServletRequestWrapper(http) {
                        @Override
                        public java.security.Principal getUserPrincipal() {
                            return principal;
                        }
                    }, response);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            };
        }
    }

    static final EvaluationSnapshots SNAPSHOTS = new EvaluationSnapshots();

    /** Starts serving; answers the running context and the port it listens on. */
    public static Running start(java.nio.file.Path files, String environment, String host, int port,
                                java.io.PrintWriter log) {
        DevFileSource source = new DevFileSource(files, environment, SNAPSHOTS, log);
        String chosen = source.start();
        grant = new SdkKeyGrant("dev", source.projectKey(), chosen, SdkKeyKind.SERVER, "flagledger dev", "dev", false);
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(Map.of("server.port", String.valueOf(port), "server.address", host,
                "logging.level.root", "WARN", "spring.main.register-shutdown-hook", "true",
                "flagledger.sdk.heartbeat-millis", "15000"));
        ConfigurableApplicationContext context = application.run();
        int actual = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Running(context, source, source.projectKey(), chosen, actual);
    }

    /** A running dev server. */
    public record Running(ConfigurableApplicationContext context, AutoCloseable source, String projectKey,
                          String environment, int port) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            source.close();
            context.close();
        }
    }
}
