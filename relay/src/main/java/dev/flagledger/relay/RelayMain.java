package dev.flagledger.relay;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar flagledger-relay.jar --upstream=https://flags.example.com --sdk-keys=flsrv_...}:
 * runs a relay until SIGTERM (docs/relay.md lists every option and its environment variable).
 */
public final class RelayMain {
    private RelayMain() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null)
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        Relay relay = Relay.start(RelaySettings.from(System.getenv(), args));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            stopped.countDown();
        }, "relay-shutdown"));
        stopped.await();
    }
}
