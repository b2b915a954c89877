package dev.flagledger.projections.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain: an entry's hash is SHA-256 over the previous entry's hash (32 bytes) followed by
 * its event's canonical bytes ({@link StoredEvent#canonicalBytes}). The first entry follows
 * {@link #GENESIS}. Changing, removing or reordering any stored event breaks every later link.
 */
public final class AuditChain {
    /** The "previous hash" of the very first entry: 32 zero bytes. */
    public static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {
    }

    public static String link(String previousHash, byte[] canonicalEventBytes) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HEX.parseHex(previousHash));
            sha256.update(canonicalEventBytes);
            return HEX.formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
