package dev.flagledger.server.ui;

import dev.flagledger.auth.oidc.OidcSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the admin UI needs before anyone signs in (unauthenticated, nothing secret): whether the local
 * login is on, and the identity provider and public client for Authorization Code + PKCE.
 */
@RestController
public class AuthConfigController {
    private final OidcSettings oidc;
    private final boolean localLogin;

    public AuthConfigController(OidcSettings oidc, @Value("${flagledger.auth.local.enabled:true}") boolean localLogin) {
        this.oidc = oidc;
        this.localLogin = localLogin;
    }

    @GetMapping(value = "/auth/config", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> config() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("local", localLogin);
        if (oidc.enabled()) {
            Map<String, Object> sso = new LinkedHashMap<>();
            sso.put("issuer", oidc.issuer());
            sso.put("clientId", oidc.uiClientId());
            sso.put("scope", "openid profile");
            body.put("oidc", sso);
        } else {
            body.put("oidc", null);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).body(body);
    }
}
