package dev.flagledger.privacy.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyringTest {
    private static final byte[] PLAIN = "{\"actorName\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);
    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString(filled(32, (byte) 7));

    @Test
    void sealed_data_names_its_key_hides_the_plain_text_and_opens_again() {
        Keyring ring = KeyringConfig.load("k1=" + K1, null, null);

        byte[] sealed = ring.seal(PLAIN, "event");

        assertThat(Keyring.isSealed(sealed)).isTrue();
        assertThat(Keyring.keyIdOf(sealed)).contains("k1");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Ada");
        assertThat(ring.open(sealed, "event")).isEqualTo(PLAIN);
        assertThat(ring.seal(PLAIN, "event")).as("a fresh nonce every time").isNotEqualTo(sealed);
    }

    @Test
    void after_rotation_new_data_uses_the_new_key_and_old_data_still_opens() {
        Keyring before = KeyringConfig.load("k1=" + K1, null, null);
        byte[] old = before.seal(PLAIN, "event");

        Keyring rotated = KeyringConfig.load("k1=" + K1 + ",k2=" + K2, null, null);
        byte[] fresh = rotated.seal(PLAIN, "event");

        assertThat(Keyring.keyIdOf(fresh)).contains("k2");
        assertThat(rotated.open(old, "event")).isEqualTo(PLAIN);
        assertThat(rotated.open(fresh, "event")).isEqualTo(PLAIN);
        Keyring withoutOld = KeyringConfig.load("k2=" + K2, null, null);
        assertThatThrownBy(() -> withoutOld.open(old, "event")).isInstanceOf(KeyringException.class)
                .hasMessageContaining("key k1");
    }

    @Test
    void altered_data_or_data_sealed_for_another_purpose_does_not_open() {
        Keyring ring = KeyringConfig.load("k1=" + K1, null, null);
        byte[] sealed = ring.seal(PLAIN, "event");
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;

        assertThatThrownBy(() -> ring.open(altered, "event")).isInstanceOf(KeyringException.class)
                .hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> ring.open(sealed, "subject-key:x")).isInstanceOf(KeyringException.class);
    }

    @Test
    void without_keys_nothing_is_sealed_and_plain_data_passes_through_any_ring() {
        assertThat(Keyring.NONE.seal(PLAIN, "event")).isSameAs(PLAIN);
        assertThat(KeyringConfig.load("k1=" + K1, null, null).open(PLAIN, "event")).isSameAs(PLAIN);
        assertThat(Keyring.isSealed(PLAIN)).isFalse();
    }

    @Test
    void a_key_file_lists_keys_and_the_current_one_can_be_named(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("keys");
        Files.writeString(file, "# rotated 2026-01\nk1=" + K1 + "\n\nk2=" + K2 + "\n");

        assertThat(KeyringConfig.load(null, file.toString(), null).currentKeyId()).contains("k2");
        assertThat(KeyringConfig.load(null, file.toString(), "k1").currentKeyId()).contains("k1");
        assertThat(KeyringConfig.load(null, file.toString(), null).keyIds()).containsExactly("k1", "k2");
    }

    @Test
    void bad_configuration_is_refused_with_a_message_naming_the_problem() {
        assertThatThrownBy(() -> KeyringConfig.load("k1=" + Base64.getEncoder().encodeToString(new byte[10]), null, null))
                .hasMessageContaining("16, 24 or 32 bytes");
        assertThatThrownBy(() -> KeyringConfig.load("k1=not base64!", null, null)).hasMessageContaining("not base64");
        assertThatThrownBy(() -> KeyringConfig.load("k1=" + K1, null, "k9")).hasMessageContaining("k9");
        assertThatThrownBy(() -> KeyringConfig.load("k1=" + K1 + ",k1=" + K2, null, null)).hasMessageContaining("twice");
        assertThatThrownBy(() -> KeyringConfig.load(null, "/no/such/file", null)).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> KeyringConfig.load("", null, "k1")).hasMessageContaining("no keys");
    }

    @Test
    void the_ring_never_prints_its_keys() {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("k1", filled(32, (byte) 65));
        assertThat(Keyring.of(keys, null).toString()).contains("k1").doesNotContain("AAAA");
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }
}
