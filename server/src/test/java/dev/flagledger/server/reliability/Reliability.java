package dev.flagledger.server.reliability;

/**
 * The switch between the default suite's short runs and the long ones: {@code -Dflagledger.long=true}
 * on the Maven command line (failsafe and surefire pass it on), or {@code FLAGLEDGER_LONG=true}.
 */
public final class Reliability {
    private Reliability() {
    }

    public static boolean longRun() {
        return Boolean.parseBoolean(System.getProperty("flagledger.long", System.getenv().getOrDefault("FLAGLEDGER_LONG", "false")));
    }

    /** {@code shortValue} in the default suite, {@code longValue} behind the flag; a system property overrides both. */
    public static int setting(String property, int shortValue, int longValue) {
        String given = System.getProperty(property);
        if (given != null && !given.isBlank()) return Integer.parseInt(given.trim());
        return longRun() ? longValue : shortValue;
    }

    /** A seed printed with every run so a failure can be replayed with {@code -Dflagledger.seed=...}. */
    public static long seed(String what) {
        String given = System.getProperty("flagledger.seed");
        long seed = given == null || given.isBlank() ? System.nanoTime() : Long.parseLong(given.trim());
        System.out.printf("%s: seed %d (replay with -Dflagledger.seed=%d)%n", what, seed, seed);
        return seed;
    }
}
