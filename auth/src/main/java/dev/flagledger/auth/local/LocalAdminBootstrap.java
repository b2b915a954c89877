package dev.flagledger.auth.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes sure the embedded default has its one local admin. A password given in
 * {@code FLAGLEDGER_ADMIN_PASSWORD} wins at every start (so operators can rotate it); without one, a
 * password is generated on first start, printed once, and only its hash is kept.
 */
public class LocalAdminBootstrap {
    public static final String USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(LocalAdminBootstrap.class);

    private final LocalAccountStore accounts;
    private final PasswordEncoder encoder;

    public LocalAdminBootstrap(LocalAccountStore accounts, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.encoder = encoder;
    }

    public void ensureAdmin(String configuredPassword) {
        if (configuredPassword != null && !configuredPassword.isBlank()) {
            boolean current = accounts.passwordHash(USERNAME).map(hash -> encoder.matches(configuredPassword, hash))
                    .orElse(false);
            if (!current) accounts.save(USERNAME, encoder.encode(configuredPassword));
            log.info("Local admin '{}' uses the password from FLAGLEDGER_ADMIN_PASSWORD", USERNAME);
            return;
        }
        if (accounts.passwordHash(USERNAME).isPresent()) return;
        String generated = generatePassword();
        accounts.save(USERNAME, encoder.encode(generated));
        // Printed once, on purpose: only the hash survives this start.
        log.warn("\n\n    Local admin account created.  username: {}   password: {}\n"
                + "    This password is shown once. Set FLAGLEDGER_ADMIN_PASSWORD to choose your own.\n", USERNAME, generated);
    }

    static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
