package dev.flagledger.server.access;

import dev.flagledger.server.FlagledgerServer;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.TestTokens;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production profile: single sign-on or nothing, and the browser-facing hardening. */
class ProductionProfileTest {
    private static final String H2 = "spring.datasource.url=jdbc:h2:mem:flagledger-production;DB_CLOSE_DELAY=-1;"
            + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";

    @Test
    void refuses_to_start_without_issuer_and_audience_and_says_which_settings_are_missing() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FlagledgerServer.class).profiles("production")
                // The database as an argument: a default property would lose to application.yml's file
                // database in ./data, which then outlives the test (and an older one there fails migration).
                .properties("server.port=0").run("--" + H2.replace("flagledger-production", "flagledger-refused")).close())
                .rootCause()
                .hasMessageContaining("production profile")
                .hasMessageContaining("flagledger.auth.oidc.issuer (environment FLAGLEDGER_OIDC_ISSUER)")
                .hasMessageContaining("flagledger.auth.oidc.audience (environment FLAGLEDGER_OIDC_AUDIENCE)");
    }

    @Test
    void refuses_to_start_with_an_issuer_but_no_audience() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FlagledgerServer.class).profiles("production")
                .properties("server.port=0")
                // Arguments, not default properties: application.yml would override those with its own defaults.
                .run("--" + H2.replace("flagledger-production", "flagledger-refused-2"), "--" + TestTokens.ISSUER_PROPERTY).close())
                .rootCause()
                .hasMessageContaining("flagledger.auth.oidc.audience (environment FLAGLEDGER_OIDC_AUDIENCE)")
                .hasMessageNotContaining("FLAGLEDGER_OIDC_ISSUER");
    }

    @Nested
    @SpringBootTest(classes = FlagledgerServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    @ActiveProfiles("production")
    @TestPropertySource(properties = {H2, TestTokens.ISSUER_PROPERTY, TestTokens.AUDIENCE_PROPERTY,
            TestTokens.KEY_PROPERTY, "FLAGLEDGER_ADMIN_PASSWORD=local-password",
            "flagledger.http.cors.allowed-origins=https://ui.example.test"})
    class Configured {
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        @LocalServerPort
        int port;

        private GraphQl admin() {
            return GraphQl.withBearer("http://localhost:" + port,
                    TestTokens.user("Ada Admin").realmRole("flagledger:admin").signed());
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void starts_and_serves_bearer_tokens() {
            assertThat(admin().execute("{ projects { key } }").ok()).isTrue();
        }

        @Test
        void introspection_is_off() {
            GraphQl.Response schema = admin().execute("{ __schema { queryType { name } } }");
            assertThat(schema.body().path("errors")).isNotEmpty();
            assertThat(schema.body().path("data").path("__schema").path("queryType").isMissingNode()).isTrue();
        }

        @Test
        void the_local_admin_cannot_sign_in() {
            GraphQl.Response basic = GraphQl.at("http://localhost:" + port, "admin", "local-password")
                    .execute("{ projects { key } }");
            assertThat(basic.status()).isEqualTo(401);
            assertThat(basic.errorCode()).isEqualTo("UNAUTHENTICATED");
        }

        @Test
        void the_ui_config_names_the_identity_provider_and_no_local_login() throws Exception {
            HttpResponse<String> config = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/auth/config")));
            assertThat(config.statusCode()).isEqualTo(200);
            assertThat(config.body()).contains("\"local\":false").contains("\"issuer\":\"" + TestTokens.ISSUER + "\"")
                    .contains("\"clientId\":\"flagledger-admin-ui\"");
        }

        @Test
        void graphiql_is_off() throws Exception {
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphiql")));
            assertThat(page.statusCode()).isNotEqualTo(200);
        }

        @Test
        void cors_allows_the_configured_origin_only() throws Exception {
            HttpResponse<String> allowed = send(preflight("https://ui.example.test"));
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://ui.example.test");

            HttpResponse<String> other = send(preflight("https://evil.example.test"));
            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }

        private HttpRequest.Builder preflight(String origin) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type");
        }

        @Test
        void responses_carry_the_security_headers() throws Exception {
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/auth/config")));
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'self'").contains("frame-ancestors 'none'")
                    .contains("connect-src 'self' https://issuer.test"));
            assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(page.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
        }
    }
}
