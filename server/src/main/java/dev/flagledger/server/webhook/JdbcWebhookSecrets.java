package dev.flagledger.server.webhook;

import dev.flagledger.domain.webhook.WebhookSecrets;
import dev.flagledger.privacy.keys.Keyring;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Signing secrets in {@code webhook_secret} (V71), sealed under the encryption-at-rest keyring when one
 * is configured. The server must read them back to sign, so they cannot be stored as a hash.
 */
@Component
public class JdbcWebhookSecrets implements WebhookSecrets {
    private final JdbcTemplate jdbc;
    private final Keyring keyring;

    JdbcWebhookSecrets(JdbcTemplate jdbc, Keyring keyring) {
        this.jdbc = jdbc;
        this.keyring = keyring;
    }

    @Override
    public void store(String subscriptionId, String secret) {
        jdbc.update("insert into webhook_secret (subscription_id, secret) values (?, ?)", subscriptionId,
                keyring.seal(secret.getBytes(StandardCharsets.UTF_8), purpose(subscriptionId)));
    }

    @Override
    public void forget(String subscriptionId) {
        jdbc.update("delete from webhook_secret where subscription_id = ?", subscriptionId);
    }

    public Optional<String> secret(String subscriptionId) {
        return jdbc.query("select secret from webhook_secret where subscription_id = ?", (rs, row) -> rs.getBytes(1),
                        subscriptionId).stream().findFirst()
                .map(bytes -> new String(keyring.open(bytes, purpose(subscriptionId)), StandardCharsets.UTF_8));
    }

    private static String purpose(String subscriptionId) {
        return "webhook-secret:" + subscriptionId;
    }
}
