package dev.flagledger.graphql.flag;

import dev.flagledger.domain.shared.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque Relay cursors over the flag key order; clients must not build them. */
final class FlagCursor {
    private static final String PREFIX = "flag:";

    private FlagCursor() {
    }

    static String of(String flagKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + flagKey).getBytes(StandardCharsets.UTF_8));
    }

    static String keyAfter(String cursor) {
        if (cursor == null) return null;
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) return decoded.substring(PREFIX.length());
        } catch (IllegalArgumentException notBase64) {
            // falls through to the typed refusal
        }
        throw new InvalidInput("invalid cursor");
    }
}
