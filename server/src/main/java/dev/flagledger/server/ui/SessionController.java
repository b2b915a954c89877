package dev.flagledger.server.ui;

import dev.flagledger.auth.web.SessionBodies;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the admin UI who is signed in. Reading the CSRF token here makes Spring Security write the
 * {@code XSRF-TOKEN} cookie, so the UI holds a token before its first change (and its sign-in).
 */
@RestController
public class SessionController {

    @GetMapping(value = "/auth/session", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> session(Authentication authentication, CsrfToken csrf) {
        if (csrf != null) csrf.getToken();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(SessionBodies.describe(authentication));
    }
}
