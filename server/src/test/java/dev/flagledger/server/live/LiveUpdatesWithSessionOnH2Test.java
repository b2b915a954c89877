package dev.flagledger.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.server.support.OnH2;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin UI subscribes with its session cookie, so a subscription is held to the same CSRF rule
 * as every other cookie-authenticated POST: with the token it streams, without it it is refused.
 */
@OnH2
class LiveUpdatesWithSessionOnH2Test extends ServerSpec {
    private static final String PROJECT_CHANGED = "subscription($p: String!) { projectChanged(projectKey: $p) { flagKey eventType } }";
    private CookieManager cookies;
    private HttpClient browser;

    @BeforeEach
    void signIn() throws Exception {
        cookies = new CookieManager();
        browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        get("/auth/session");
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(url("/auth/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-XSRF-TOKEN", csrfToken())
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(200);
        get("/auth/session"); // the token rotates at sign-in
    }

    @Test
    void a_session_subscription_with_the_csrf_token_receives_changes() throws Exception {
        try (SseSubscription live = SseSubscription.open(browser, port, PROJECT_CHANGED, Map.of("p", project),
                Map.of("X-XSRF-TOKEN", csrfToken(), "X-Requested-With", "XMLHttpRequest"))) {
            for (int attempt = 0; attempt < 20; attempt++) {
                createBooleanFlag("session-" + attempt);
                JsonNode event = live.next(Duration.ofMillis(500));
                if (event != null) {
                    assertThat(live.status(Duration.ofSeconds(1))).isEqualTo(200);
                    assertThat(event.path("data").path("data").path("projectChanged").path("eventType").asText())
                            .isEqualTo("FlagCreated");
                    return;
                }
            }
            throw new AssertionError("no change arrived over the session's subscription");
        }
    }

    @Test
    void a_session_subscription_without_the_csrf_token_is_refused_with_403() throws Exception {
        try (SseSubscription forged = SseSubscription.open(browser, port, PROJECT_CHANGED, Map.of("p", project),
                Map.of("X-Requested-With", "XMLHttpRequest"))) {
            assertThat(forged.status(Duration.ofSeconds(5))).isEqualTo(403);
        }
    }

    private void get(String path) throws Exception {
        browser.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrfToken() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN") && !cookie.getValue().isEmpty())
                .map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
