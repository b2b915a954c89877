package dev.flagledger.evaluation.bucketing;

/**
 * UTF-8 encoding into a caller's buffer, byte for byte what {@code String.getBytes(UTF_8)} gives
 * (an unpaired surrogate becomes {@code '?'}, as the JDK's replacement does), without allocating.
 * The JDK has no allocation-free way to encode a String into an existing array, and
 * {@link Bucketer} hashes on the evaluation hot path; BucketerTest checks it against the JDK.
 */
final class Utf8 {
    private Utf8() {
    }

    /** Writes {@code text} at {@code offset}; returns the offset after the last byte written. */
    static int encode(String text, byte[] out, int offset) {
        int at = offset;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                out[at++] = (byte) (0xF0 | codePoint >> 18);
                out[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | codePoint & 0x3F);
            } else if (Character.isSurrogate(c)) {
                out[at++] = '?';
            } else {
                out[at++] = (byte) (0xE0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return at;
    }
}
