package dev.flagledger.evaluation;

import static dev.flagledger.evaluation.Flags.booleanFlag;
import static dev.flagledger.evaluation.Flags.clause;
import static dev.flagledger.evaluation.Flags.serve;
import static dev.flagledger.evaluation.Flags.split;
import static dev.flagledger.evaluation.Flags.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.flagledger.evaluation.model.Clause;
import dev.flagledger.evaluation.model.EnvironmentDefinition;
import dev.flagledger.evaluation.model.FlagConfig;
import dev.flagledger.evaluation.model.Rule;
import dev.flagledger.evaluation.model.Segment;
import dev.flagledger.evaluation.model.SegmentRule;
import dev.flagledger.evaluation.operator.OperatorRegistry;

/** Compiling again after a change reuses what did not change and answers exactly as a fresh compile. */
class IncrementalCompileTest {
    private final EnvironmentCompiler compiler = new EnvironmentCompiler(OperatorRegistry.standard());

    @Test
    void the_same_definition_instance_is_not_compiled_again_and_a_changed_one_is() {
        FlagConfig kept = booleanFlag("kept", List.of(), split(50_000));
        FlagConfig changed = booleanFlag("changed", List.of(), serve("on"));
        Segment beta = segment("beta", Set.of("alice"), "@beta.dev");
        EnvironmentCompiler.Compiled first = compiler.compile(EnvironmentDefinition.of(List.of(kept, changed),
                List.of(beta)));

        FlagConfig changedAgain = booleanFlag("changed", List.of(), serve("off"));
        EnvironmentCompiler.Compiled second = compiler.compile(EnvironmentDefinition.of(List.of(kept, changedAgain),
                List.of(beta)), first);

        assertThat(second.flags().get("kept")).isSameAs(first.flags().get("kept"));
        assertThat(second.segments().get("beta")).isSameAs(first.segments().get("beta"));
        assertThat(second.flags().get("changed")).isNotSameAs(first.flags().get("changed"));
        EvaluationConfig config = EvaluationConfig.compile(EnvironmentDefinition.of(List.of(kept, changedAgain),
                List.of(beta)), EvaluationConfig.compile(List.of(kept, changed), List.of(beta)));
        assertThat(config.evaluate("changed", user("anyone", Map.of())).variant()).isEqualTo("off");
    }

    @Test
    void an_unchanged_flag_sees_its_segment_change_and_turns_invalid_and_valid_again_with_it() {
        FlagConfig gated = booleanFlag("gated", List.of(new Rule("beta", List.of(
                new Clause(null, "inSegment", List.of("beta"), false)), serve("on"))), serve("off"));
        EvaluationConfig v1 = EvaluationConfig.compile(EnvironmentDefinition.of(List.of(gated),
                List.of(segment("beta", Set.of("alice"), "@beta.dev"))), null);
        assertThat(v1.evaluate("gated", user("bob", Map.of())).variant()).isEqualTo("off");

        EvaluationConfig v2 = EvaluationConfig.compile(EnvironmentDefinition.of(List.of(gated),
                List.of(segment("beta", Set.of("alice", "bob"), "@beta.dev"))), v1);
        assertThat(v2.evaluate("gated", user("bob", Map.of())).variant()).isEqualTo("on");

        Segment broken = new Segment("beta", Set.of(), Set.of(), List.of(new SegmentRule("r",
                List.of(new Clause("email", "noSuchOperator", List.of("x"), false)), null, null, null)), null, 3);
        EvaluationConfig v3 = EvaluationConfig.compile(EnvironmentDefinition.of(List.of(gated), List.of(broken)), v2);
        assertThat(v3.invalidFlags()).containsKey("gated");
        assertThat(v3.evaluate("gated", user("bob", Map.of())).errorCode()).isEqualTo(ErrorCode.PARSE_ERROR);

        EvaluationConfig v4 = EvaluationConfig.compile(EnvironmentDefinition.of(List.of(gated),
                List.of(segment("beta", Set.of("bob"), "@beta.dev"))), v3);
        assertThat(v4.invalidFlags()).isEmpty();
        assertThat(v4.evaluate("gated", user("bob", Map.of())).variant()).isEqualTo("on");
    }

    @Test
    void a_long_run_of_random_changes_answers_like_a_fresh_compile_every_time() {
        Random random = new Random(20261207);
        List<FlagConfig> flags = new ArrayList<>();
        for (int i = 0; i < 12; i++) flags.add(randomFlag("flag-" + i, random));
        List<Segment> segments = new ArrayList<>(List.of(segment("seg-0", Set.of("u1"), "@a.dev"),
                segment("seg-1", Set.of("u2"), "@b.dev")));
        EvaluationConfig incremental = null;
        for (int step = 0; step < 300; step++) {
            if (random.nextInt(5) == 0) {
                int s = random.nextInt(segments.size());
                segments.set(s, segment("seg-" + s, Set.of("u" + random.nextInt(20)), "@" + random.nextInt(3) + ".dev"));
            } else if (random.nextInt(10) == 0) {
                flags.remove(random.nextInt(flags.size()));
                flags.add(randomFlag("flag-new-" + step, random));
            } else {
                int f = random.nextInt(flags.size());
                flags.set(f, randomFlag(flags.get(f).key(), random));
            }
            EnvironmentDefinition definition = EnvironmentDefinition.of(List.copyOf(flags), List.copyOf(segments));
            incremental = EvaluationConfig.compile(definition, incremental);
            EvaluationConfig fresh = EvaluationConfig.compile(definition);

            assertThat(incremental.flagKeys()).isEqualTo(fresh.flagKeys());
            assertThat(incremental.invalidFlags()).isEqualTo(fresh.invalidFlags());
            for (int u = 0; u < 20; u++) {
                EvaluationContext context = user("u" + u, Map.of("email", "u" + u + "@" + (u % 3) + ".dev", "age", u * 4));
                for (String key : fresh.flagKeys())
                    assertThat(incremental.evaluate(key, context)).as("step %d flag %s user %d", step, key, u)
                            .isEqualTo(fresh.evaluate(key, context));
            }
        }
    }

    private static FlagConfig randomFlag(String key, Random random) {
        List<Rule> rules = new ArrayList<>();
        if (random.nextBoolean())
            rules.add(new Rule("in-seg", List.of(new Clause(null, "inSegment",
                    List.of("seg-" + random.nextInt(2)), false)), serve("on")));
        if (random.nextBoolean())
            rules.add(new Rule("older", List.of(clause("age", "gt", random.nextInt(80))), serve("off")));
        return booleanFlag(key, rules, random.nextBoolean() ? serve("on") : split(random.nextInt(100_001)));
    }

    private static Segment segment(String key, Set<String> included, String domain) {
        return new Segment(key, included, Set.of(), List.of(new SegmentRule("domain",
                List.of(clause("email", "endsWith", domain)), null, null, null)), null, included.hashCode());
    }
}
