package dev.flagledger.auth.local;

import dev.flagledger.auth.LocalPrincipal;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.authentication.AuthenticationProvider;

/**
 * Checks local passwords. Verifying a bcrypt hash costs tens of milliseconds by design, so a
 * successful check is remembered briefly ({@link VerifiedCredentials}) and HTTP Basic clients do not
 * pay it on every request.
 */
public class LocalAuthenticationProvider implements AuthenticationProvider {
    private final LocalAccountStore accounts;
    private final PasswordEncoder encoder;
    private final VerifiedCredentials verified;

    public LocalAuthenticationProvider(LocalAccountStore accounts, PasswordEncoder encoder, VerifiedCredentials verified) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.verified = verified;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        String hash = accounts.passwordHash(username).orElseThrow(() -> new BadCredentialsException("bad credentials"));
        if (!verified.contains(username, password, hash)) {
            if (!encoder.matches(password, hash)) throw new BadCredentialsException("bad credentials");
            verified.remember(username, password, hash);
        }
        LocalPrincipal principal = new LocalPrincipal(username,
                LocalAdminBootstrap.USERNAME.equals(username) ? "Local administrator" : username);
        return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                AuthorityUtils.createAuthorityList("ROLE_ADMIN"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
