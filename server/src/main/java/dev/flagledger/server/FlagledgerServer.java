package dev.flagledger.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Flagledger server: GraphQL API, projections and event store in one process. */
@SpringBootApplication(scanBasePackages = "dev.flagledger", proxyBeanMethods = false)
public class FlagledgerServer {
    public static void main(String[] args) {
        // An offline tool in the same jar: no Spring, no server (docs/deploy.md).
        if (args.length > 0 && args[0].equals("migrate-store")) {
            System.exit(dev.flagledger.server.migration.MigrateStoreCommand.run(
                    java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        // Axon phones home with usage data by default; a self-hosted audit product must not.
        if (System.getProperty("axoniq.update-checker.disabled") == null)
            System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(FlagledgerServer.class, args);
    }
}
