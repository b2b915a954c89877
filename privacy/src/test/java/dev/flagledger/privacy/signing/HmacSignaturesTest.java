package dev.flagledger.privacy.signing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HmacSignaturesTest {
    private static final byte[] REQUEST = HmacSignatures.requestBytes("POST", "/ofrep/v1/evaluate/flags/checkout?x=1",
            "{\"context\":{}}".getBytes(StandardCharsets.UTF_8));
    private static final Instant SENT = Instant.ofEpochSecond(1_700_000_000);

    @Test
    void the_signature_is_the_one_the_typescript_sdk_computes() {
        // The same literal as sdk/packages/core/test/signing.test.ts.
        assertThat(HmacSignatures.header("flsig_test-secret", SENT, REQUEST))
                .isEqualTo("t=1700000000,v1=7f9ac33b1d4d328a9136d25906538d82b3435672349fea46030412c9f05aabb1");
    }

    @Test
    void a_valid_fresh_signature_verifies_and_anything_else_says_why_not() {
        String header = HmacSignatures.header("whsec_a", SENT, REQUEST);
        assertThat(HmacSignatures.verify(header, REQUEST, "whsec_a", SENT.plusSeconds(299))).isEqualTo(HmacSignatures.Outcome.VALID);
        assertThat(HmacSignatures.verify(header, REQUEST, "whsec_a", SENT.plusSeconds(301))).isEqualTo(HmacSignatures.Outcome.TOO_OLD);
        assertThat(HmacSignatures.verify(header, REQUEST, "whsec_a", SENT.minusSeconds(301))).isEqualTo(HmacSignatures.Outcome.TOO_OLD);
        assertThat(HmacSignatures.verify(header, REQUEST, "whsec_b", SENT)).isEqualTo(HmacSignatures.Outcome.MISMATCH);
        assertThat(HmacSignatures.verify(header, "tampered".getBytes(StandardCharsets.UTF_8), "whsec_a", SENT))
                .isEqualTo(HmacSignatures.Outcome.MISMATCH);
        assertThat(HmacSignatures.verify(null, REQUEST, "whsec_a", SENT)).isEqualTo(HmacSignatures.Outcome.MISSING);
        assertThat(HmacSignatures.verify("v1=ab", REQUEST, "whsec_a", SENT)).isEqualTo(HmacSignatures.Outcome.MALFORMED);
        assertThat(HmacSignatures.verify("t=x,v1=ab", REQUEST, "whsec_a", SENT)).isEqualTo(HmacSignatures.Outcome.MALFORMED);
    }

    @Test
    void a_header_with_several_signatures_verifies_when_one_matches() {
        String good = HmacSignatures.header("whsec_a", SENT, REQUEST);
        String both = "t=1700000000,v1=" + "0".repeat(64) + "," + good.substring(good.indexOf("v1="));
        assertThat(HmacSignatures.verify(both, REQUEST, "whsec_a", SENT)).isEqualTo(HmacSignatures.Outcome.VALID);
    }
}
