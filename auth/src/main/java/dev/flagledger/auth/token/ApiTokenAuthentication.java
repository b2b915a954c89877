package dev.flagledger.auth.token;

import dev.flagledger.auth.access.Grant;
import org.springframework.security.authentication.AbstractAuthenticationToken;

import java.util.List;

/**
 * A request authenticated by an API token: it holds exactly the token's one grant. Changes are
 * recorded under the token (its id and name) on behalf of the admin who created it.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {
    private final String tokenId;
    private final String name;
    private final String createdBySubject;
    private final String createdByName;

    public ApiTokenAuthentication(String tokenId, String name, Grant grant, String createdBySubject,
                                  String createdByName) {
        super(List.of(grant));
        this.tokenId = tokenId;
        this.name = name;
        this.createdBySubject = createdBySubject;
        this.createdByName = createdByName;
        setAuthenticated(true);
    }

    public String tokenId() {
        return tokenId;
    }

    public String name() {
        return name;
    }

    public String createdBySubject() {
        return createdBySubject;
    }

    public String createdByName() {
        return createdByName;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return "token:" + tokenId;
    }
}
