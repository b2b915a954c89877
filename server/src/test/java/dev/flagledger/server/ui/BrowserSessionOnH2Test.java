package dev.flagledger.server.ui;

import dev.flagledger.server.support.OnH2;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin UI's way in: a form login that keeps the admin in a session cookie, CSRF-protected,
 * beside HTTP Basic for scripts, which must keep working without cookies or tokens.
 */
@OnH2
class BrowserSessionOnH2Test extends ServerSpec {
    private CookieManager cookies;
    private HttpClient browser;

    @BeforeEach
    void openBrowser() {
        cookies = new CookieManager();
        browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    @Test
    void signing_in_gives_a_session_that_can_change_flags_with_the_csrf_token() throws Exception {
        assertThat(signIn(ServerSpec.PASSWORD).statusCode()).isEqualTo(200);
        assertThat(session().body()).contains("\"authenticated\":true", "local:admin");

        HttpResponse<String> created = graphqlWithSession(createProject("ui-" + project), true);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("\"key\":\"ui-" + project + "\"").doesNotContain("errors");
    }

    @Test
    void a_session_request_without_the_csrf_token_is_refused_and_writes_nothing() throws Exception {
        signIn(ServerSpec.PASSWORD);
        long before = eventCount();

        HttpResponse<String> forged = graphqlWithSession(createProject("forged-" + project), false);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("\"code\":\"FORBIDDEN\"", "CSRF");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_sign_in_without_the_csrf_token_is_refused() throws Exception {
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(url("/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("admin", ServerSpec.PASSWORD))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(session().body()).contains("\"authenticated\":false");
    }

    @Test
    void a_wrong_password_is_refused_with_401_and_no_session() throws Exception {
        HttpResponse<String> response = signIn("not-the-password");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("UNAUTHENTICATED");
        assertThat(session().body()).contains("\"authenticated\":false");
    }

    @Test
    void signing_out_ends_the_session() throws Exception {
        signIn(ServerSpec.PASSWORD);
        HttpResponse<String> out = browser.send(HttpRequest.newBuilder(url("/auth/logout"))
                .header("X-XSRF-TOKEN", csrfToken()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(204);

        assertThat(session().body()).contains("\"authenticated\":false");
        assertThat(graphqlWithSession("{ projects { key } }", true).statusCode()).isEqualTo(401);
    }

    @Test
    void basic_auth_needs_no_csrf_token_and_opens_no_session() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url("/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ServerSpec.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json(createProject("basic-" + project)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("errors");
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
    }

    @Test
    void the_ui_asks_for_json_401s_without_the_browsers_basic_dialog() throws Exception {
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(url("/graphql"))
                .header("Content-Type", "application/json").header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofString(json("{ projects { key } }"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void the_ui_shell_is_public_and_answers_its_deep_links_while_other_paths_stay_closed() throws Exception {
        for (String path : new String[]{"/", "/sign-in", "/projects", "/projects/demo/flags/new-checkout"}) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("<div id=\"root\"></div>");
        }
        assertThat(get("/not-a-ui-route").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> signIn(String password) throws IOException, InterruptedException {
        session();
        return browser.send(HttpRequest.newBuilder(url("/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(form("admin", password))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> session() throws IOException, InterruptedException {
        return get("/auth/session");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> graphqlWithSession(String document, boolean withToken)
            throws IOException, InterruptedException {
        session(); // as the UI does after signing in: the token rotates at sign-in
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(document)));
        if (withToken) request.header("X-XSRF-TOKEN", csrfToken());
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrfToken() {
        Optional<HttpCookie> token = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN") && !cookie.getValue().isEmpty()).findFirst();
        assertThat(token).as("XSRF-TOKEN cookie").isPresent();
        return token.get().getValue();
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String createProject(String key) {
        return "mutation { createProject(input: {key: \"" + key + "\", name: \"UI\"}) { project { key } } }";
    }

    private static String json(String document) {
        return "{\"query\":\"" + document.replace("\"", "\\\"") + "\"}";
    }

    private static String form(String username, String password) {
        return "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }
}
