package dev.flagledger.openfeature;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSignerTest {

    @Test
    void the_signature_is_the_one_the_server_and_the_typescript_sdk_compute() {
        // The same vector as privacy/.../HmacSignaturesTest and sdk/packages/core/test/signing.test.ts.
        RequestSigner signer = RequestSigner.of("flsig_test-secret",
                Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));
        assertThat(signer.header("POST", URI.create("https://flags.example.com/ofrep/v1/evaluate/flags/checkout?x=1"),
                "{\"context\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1700000000,v1=7f9ac33b1d4d328a9136d25906538d82b3435672349fea46030412c9f05aabb1");
    }

    @Test
    void no_secret_signs_nothing() {
        assertThat(RequestSigner.of(null)).isNull();
    }
}
