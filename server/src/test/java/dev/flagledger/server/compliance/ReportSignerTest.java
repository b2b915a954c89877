package dev.flagledger.server.compliance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** A configured key file (PKCS#8 PEM, as `openssl genpkey -algorithm ed25519` writes it) signs reports. */
class ReportSignerTest {

    @Test
    void a_configured_key_signs_and_publishes_its_own_public_half(@TempDir Path dir) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path file = dir.resolve("report-signing.pem");
        Files.writeString(file, ReportSigner.pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        ReportSigner signer = new ReportSigner(null, null, file.toString());

        assertThat(signer.publicKeyPem()).isEqualTo(ReportSigner.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        byte[] body = "kind,position\r\n".getBytes(StandardCharsets.UTF_8);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(pair.getPublic());
        verifier.update(body);
        assertThat(verifier.verify(Base64.getDecoder().decode(signer.sign(body)))).isTrue();
        assertThat(signer.keyId()).hasSize(16);
    }
}
