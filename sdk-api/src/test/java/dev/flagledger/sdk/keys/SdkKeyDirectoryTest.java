package dev.flagledger.sdk.keys;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SdkKeyDirectoryTest {
    private final SdkKeyDirectory directory = new SdkKeyDirectory();

    @Test
    void aWaitingRevocationReturnsOnceTheDirectoryRefusesTheKey() throws Exception {
        directory.on(new SdkKeyCreated("k1", "shop", "production", SdkKeyKind.SERVER, "checkout",
                SdkSecrets.hash("secret-1"), "flsrv_ab"));
        CompletableFuture<Optional<SdkKeyGrant>> waiting = CompletableFuture.supplyAsync(
                () -> directory.await("k1", SdkKeyGrant::revoked, Duration.ofSeconds(10)));
        Thread.sleep(100);
        assertThat(waiting).isNotDone();

        directory.on(new SdkKeyRevoked("k1", "shop", "production"));

        assertThat(waiting.get(5, TimeUnit.SECONDS)).get().extracting(SdkKeyGrant::revoked).isEqualTo(true);
        assertThat(directory.bySecret("secret-1")).get().extracting(SdkKeyGrant::revoked).isEqualTo(true);
    }

    @Test
    void aWaitGivesUpEmptyAfterItsTimeout() {
        long started = System.nanoTime();
        assertThat(directory.await("missing", grant -> true, Duration.ofMillis(200))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
}
