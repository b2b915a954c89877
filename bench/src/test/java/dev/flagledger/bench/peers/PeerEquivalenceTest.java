package dev.flagledger.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9, acceptance 2: the benchmark compares like with like. For 10 000 seeded random
 * contexts, each peer (configured from its own rendering of {@link FlagSet}) and our engine agree
 * on which contexts match each rule: on the 5-rule flag (which rule wins, or the fallthrough; the
 * rollout's bucket is not compared, since each engine hashes differently), on each rule alone,
 * on the segment alone, and on the deterministic flags of the bulk workload.
 */
class PeerEquivalenceTest {
    private static final int CONTEXTS = 10_000;
    private static final long SEED = 20_261_125L;

    @TempDir
    static Path directory;

    private static List<Person> people;
    private static Engine ours;
    private static final Map<String, String[]> OURS_BY_FLAG = new TreeMap<>();

    @BeforeAll
    static void setUp() {
        Renderings.writeAll(FlagSet.standard(), directory);
        people = Person.random(SEED, CONTEXTS);
        ours = Engine.create(FlagledgerEngine.NAME, directory);
        ours.prepare(people);
        for (String flag : ruleFlags()) {
            String[] outcomes = new String[CONTEXTS];
            for (int i = 0; i < CONTEXTS; i++) {
                outcomes[i] = outcome(ours.string(flag, i));
            }
            OURS_BY_FLAG.put(flag, outcomes);
        }
    }

    @AfterAll
    static void tearDown() {
        ours.close();
    }

    /** Guards against a vacuous pass: every rule matches a real share of the population, and not everyone. */
    @Test
    void every_rule_matches_some_contexts_but_not_all() {
        for (int rule = 1; rule <= 5; rule++) {
            assertThat(count(FlagSet.ruleOnlyKey(rule), FlagSet.MATCH))
                    .as("contexts matching rule %d alone", rule).isBetween(100, CONTEXTS - 100);
            assertThat(count(FlagSet.FIVE_RULES, "rule-" + rule))
                    .as("contexts for which rule %d wins on %s", rule, FlagSet.FIVE_RULES).isGreaterThan(20);
        }
        assertThat(count(FlagSet.SEGMENT_ONLY, FlagSet.MATCH)).isBetween(100, CONTEXTS - 100);
        assertThat(count(FlagSet.FIVE_RULES, FlagSet.FALLTHROUGH)).isBetween(100, CONTEXTS - 100);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FlagdEngine.NAME, UnleashEngine.NAME, LaunchDarklyEngine.NAME,
            OpenFeatureClientEngine.FLAGLEDGER, OpenFeatureClientEngine.FLAGD})
    void peer_matches_the_same_contexts_for_every_rule(String peerName) {
        try (Engine peer = Engine.create(peerName, directory)) {
            peer.prepare(people);
            List<String> mismatches = new ArrayList<>();
            Map<String, Integer> mismatchesByFlag = new TreeMap<>();
            for (String flag : ruleFlags()) {
                String[] expected = OURS_BY_FLAG.get(flag);
                for (int i = 0; i < CONTEXTS; i++) {
                    String actual = outcome(peer.string(flag, i));
                    if (!actual.equals(expected[i])) {
                        mismatchesByFlag.merge(flag, 1, Integer::sum);
                        if (mismatches.size() < 5) {
                            mismatches.add(flag + ": ours " + expected[i] + ", " + peerName + " " + actual
                                    + " for " + people.get(i));
                        }
                    }
                }
            }
            assertThat(mismatchesByFlag).as("mismatches per flag; first ones: %s", mismatches).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FlagdEngine.NAME, UnleashEngine.NAME, LaunchDarklyEngine.NAME,
            OpenFeatureClientEngine.FLAGLEDGER, OpenFeatureClientEngine.FLAGD})
    void peer_agrees_on_the_deterministic_bulk_flags(String peerName) {
        int checked = 1_000;
        try (Engine peer = Engine.create(peerName, directory)) {
            peer.prepare(people.subList(0, checked));
            List<String> mismatches = new ArrayList<>();
            int on = 0;
            for (int flag = 0; flag < FlagSet.BULK_FLAGS; flag++) {
                if (flag % 4 == 2) {
                    continue; // the 50/50 rollouts: each engine buckets differently by design
                }
                String key = FlagSet.bulkKey(flag);
                for (int i = 0; i < checked; i++) {
                    boolean expected = ours.bool(key, i);
                    on += expected ? 1 : 0;
                    if (peer.bool(key, i) != expected) {
                        mismatches.add(key + " for " + people.get(i) + ": ours " + expected);
                    }
                }
            }
            assertThat(on).as("contexts on, over 75 flags x %d contexts", checked).isBetween(1_000, 74_000);
            assertThat(mismatches).as("bulk mismatches (%d)", mismatches.size()).isEmpty();
        }
    }

    private static List<String> ruleFlags() {
        List<String> flags = new ArrayList<>();
        flags.add(FlagSet.FIVE_RULES);
        for (int rule = 1; rule <= 5; rule++) {
            flags.add(FlagSet.ruleOnlyKey(rule));
        }
        flags.add(FlagSet.SEGMENT_ONLY);
        return flags;
    }

    /** Any of the rollout's variations means "no rule matched": buckets are not compared. */
    private static String outcome(String variation) {
        return variation.startsWith("split-") ? FlagSet.FALLTHROUGH : variation;
    }

    private static int count(String flag, String outcome) {
        return (int) java.util.Arrays.stream(OURS_BY_FLAG.get(flag)).filter(outcome::equals).count();
    }
}
