package dev.flagledger.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One evaluation context in engine-neutral form; each {@link Engine} converts it once into its own
 * context type (ours: a JSON-like map; flagd: an OpenFeature context; Unleash: string properties;
 * LaunchDarkly: an {@code LDContext}). Every attribute is always present, so the engines' different
 * rules for absent attributes (negated clauses in particular) never decide an outcome.
 */
public record Person(String key, String email, String country, String plan, int seats, int age, String platform,
                     String appVersion) {

    private static final String[] COUNTRIES = {"NL", "BE", "LU", "DE", "US", "CA", "GB", "JP", "FR"};
    private static final String[] PLANS = {"free", "pro", "team", "enterprise"};
    private static final String[] PLATFORMS = {"ios", "android", "web"};
    private static final String[] DOMAINS = {"@flagledger.dev", "@example.com", "@corp.example", "@mail.test"};

    /** Seeded, so the equivalence test and the benchmark see the same population run after run. */
    public static List<Person> random(long seed, int count) {
        Random random = new Random(seed);
        List<Person> people = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = "user-" + random.nextInt(5_000);
            people.add(new Person(key,
                    key + DOMAINS[random.nextInt(DOMAINS.length)],
                    COUNTRIES[random.nextInt(COUNTRIES.length)],
                    PLANS[random.nextInt(PLANS.length)],
                    random.nextInt(1_000),
                    16 + random.nextInt(55),
                    PLATFORMS[random.nextInt(PLATFORMS.length)],
                    (1 + random.nextInt(3)) + "." + random.nextInt(10) + "." + random.nextInt(20)));
        }
        return people;
    }
}
