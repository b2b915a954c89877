package dev.flagledger.sdk.web;

import dev.flagledger.sdk.keys.SdkKeyGrant;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** An SDK request authenticated by its bearer key: it may read exactly one environment. */
public final class SdkPrincipal extends AbstractAuthenticationToken {
    private final transient SdkKeyGrant grant;

    public SdkPrincipal(SdkKeyGrant grant) {
        super(AuthorityUtils.createAuthorityList("SDK_" + grant.kind().name()));
        this.grant = grant;
        setAuthenticated(true);
    }

    public SdkKeyGrant grant() {
        return grant;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return grant.id();
    }
}
