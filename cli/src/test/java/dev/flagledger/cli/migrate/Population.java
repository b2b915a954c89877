package dev.flagledger.cli.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random people: the same contexts for our engine and each peer, typed as each expects. */
record Population(List<Map<String, Object>> people) {
    private static final String[] COUNTRIES = {"NL", "DE", "US", "BE", "LU", "FR", "JP", "GB", "CA"};
    private static final String[] PLANS = {"free", "pro", "team", "enterprise"};
    private static final String[] PLATFORMS = {"ios", "android", "web", "desktop"};
    private static final String[] VERSIONS = {"0.9.1", "1.0.0", "1.0.0-rc.1", "1.1.9", "1.2.0", "1.4.0", "1.4.2", "1.4.9",
            "1.5.0", "1.9.0", "2.0.0", "2.0.0-alpha", "2.5.0", "2.5.1", "3.0.0-beta.1", "3.0.0-beta.2", "3.0.0", "3.1.4"};
    private static final String[] DOMAINS = {"example.com", "EXAMPLE.com", "flagledger.dev", "mail.test", "Example.COM"};
    private static final String[] NAMES = {"admin", "ops", "Ops", "ADMIN.lee", "ann", "bob", "zed", "kim", "lou"};

    static Population random(long seed, int size) {
        Random random = new Random(seed);
        List<Map<String, Object>> people = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Map<String, Object> person = new LinkedHashMap<>();
            person.put("targetingKey", "user-" + i);
            person.put("email", NAMES[random.nextInt(NAMES.length)] + i + "@" + DOMAINS[random.nextInt(DOMAINS.length)]);
            person.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
            person.put("plan", PLANS[random.nextInt(PLANS.length)]);
            person.put("platform", PLATFORMS[random.nextInt(PLATFORMS.length)]);
            person.put("appVersion", VERSIONS[random.nextInt(VERSIONS.length)]);
            person.put("seats", random.nextInt(10) == 0 ? 700 : random.nextInt(1000));
            person.put("age", 16 + random.nextInt(70));
            people.add(person);
        }
        return new Population(people);
    }
}
