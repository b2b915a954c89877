package dev.flagledger.sdk.keys;

import dev.flagledger.sdk.web.SdkPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /sdk/v1/key}: what the presented key may read (its id, project, environment and kind),
 * so a relay can check an application's key and learn its environment without ever holding the
 * key directory. It tells a key holder only about their own key.
 */
@RestController
public class SdkKeyIdentityController {

    @GetMapping("/sdk/v1/key")
    public Map<String, Object> key(SdkPrincipal principal) {
        SdkKeyGrant grant = principal.grant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", grant.id());
        body.put("projectKey", grant.projectKey());
        body.put("environment", grant.environment());
        body.put("kind", grant.kind().name());
        return body;
    }
}
