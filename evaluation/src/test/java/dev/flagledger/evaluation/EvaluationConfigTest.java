package dev.flagledger.evaluation;

import static dev.flagledger.evaluation.Flags.booleanFlag;
import static dev.flagledger.evaluation.Flags.clause;
import static dev.flagledger.evaluation.Flags.serve;
import static dev.flagledger.evaluation.Flags.split;
import static dev.flagledger.evaluation.Flags.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.flagledger.evaluation.model.Clause;
import dev.flagledger.evaluation.model.EnvironmentDefinition;
import dev.flagledger.evaluation.model.FlagConfig;
import dev.flagledger.evaluation.model.Prerequisite;
import dev.flagledger.evaluation.model.Rule;
import dev.flagledger.evaluation.model.Segment;
import dev.flagledger.evaluation.model.SegmentRule;
import dev.flagledger.evaluation.model.ValueType;

class EvaluationConfigTest {

    @Test
    void excluded_key_wins_over_included_key() {
        Segment beta = new Segment("beta", Set.of("alice", "bob"), Set.of("bob"), List.of(), null, 1);
        FlagConfig flag = booleanFlag("f", List.of(new Rule("beta", List.of(
                new Clause(null, "inSegment", List.of("beta"), false)), serve("on"))), serve("off"));
        EvaluationConfig config = EvaluationConfig.compile(List.of(flag), List.of(beta));

        assertThat(config.evaluate("f", user("alice", Map.of())).variant()).isEqualTo("on");
        assertThat(config.evaluate("f", user("bob", Map.of())).variant()).isEqualTo("off");
    }

    @Test
    void a_keys_variant_never_changes_when_unrelated_flags_change() {
        FlagConfig rollout = booleanFlag("checkout", List.of(), split(50_000));
        EvaluationConfig before = EvaluationConfig.compile(List.of(rollout), List.of());
        List<FlagConfig> many = new ArrayList<>(List.of(rollout));
        for (int i = 0; i < 50; i++) {
            many.add(booleanFlag("other-" + i, List.of(), split(i * 2_000)));
        }
        EvaluationConfig after = EvaluationConfig.compile(many, List.of());

        for (int i = 0; i < 2_000; i++) {
            EvaluationContext context = user("user-" + i, Map.of());
            assertThat(after.evaluate("checkout", context)).isEqualTo(before.evaluate("checkout", context));
        }
    }

    @Test
    void growing_a_rollout_only_moves_keys_from_off_to_on() {
        EvaluationConfig tenPercent = EvaluationConfig.compile(List.of(booleanFlag("f", List.of(), split(10_000))),
                List.of());
        EvaluationConfig twentyPercent = EvaluationConfig.compile(List.of(booleanFlag("f", List.of(), split(20_000))),
                List.of());
        for (int i = 0; i < 5_000; i++) {
            EvaluationContext context = user("user-" + i, Map.of());
            if ("on".equals(tenPercent.evaluate("f", context).variant())) {
                assertThat(twentyPercent.evaluate("f", context).variant()).isEqualTo("on");
            }
        }
    }

    @Test
    void explain_records_targets_rules_clauses_with_the_values_seen_and_the_bucket() {
        FlagConfig flag = booleanFlag("f", Map.of("on", Set.of("vip")), List.of(
                new Rule("dutch-pro", List.of(clause("country", "in", "NL"), clause("plan", "in", "pro")), serve("on")),
                new Rule("half", List.of(clause("country", "in", "NL", "BE")), split(50_000))), serve("off"),
                List.of());
        EvaluationConfig config = EvaluationConfig.compile(List.of(flag), List.of());

        Explanation explanation = config.explain("f", ValueType.BOOLEAN,
                user("user-7", Map.of("country", "NL", "plan", "free")));

        assertThat(explanation.result()).isEqualTo(config.evaluate("f", ValueType.BOOLEAN,
                user("user-7", Map.of("country", "NL", "plan", "free"))));
        assertThat(explanation.trace()).hasSize(4);
        assertThat(explanation.trace().get(0)).isEqualTo(new TraceStep.TargetChecked("on", "user-7", false));
        TraceStep.RuleEvaluated first = (TraceStep.RuleEvaluated) explanation.trace().get(1);
        assertThat(first.ruleId()).isEqualTo("dutch-pro");
        assertThat(first.matched()).isFalse();
        assertThat(first.clauses()).extracting(TraceStep.ClauseEvaluated::attribute,
                TraceStep.ClauseEvaluated::actualValue, TraceStep.ClauseEvaluated::matched)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("country", "NL", true),
                        org.assertj.core.groups.Tuple.tuple("plan", "free", false));
        TraceStep.RuleEvaluated second = (TraceStep.RuleEvaluated) explanation.trace().get(2);
        assertThat(second.matched()).isTrue();
        TraceStep.Bucketed bucketed = (TraceStep.Bucketed) explanation.trace().get(3);
        assertThat(bucketed.salt()).isEqualTo("f");
        assertThat(bucketed.bucketByValue()).isEqualTo("user-7");
        assertThat(bucketed.bucket()).isEqualTo(dev.flagledger.evaluation.bucketing.Bucketer.bucket("f", "user-7"));
        assertThat(bucketed.variant()).isEqualTo(explanation.result().variant());
        assertThat(explanation.result().reason()).isEqualTo(Reason.SPLIT);
        assertThat(explanation.result().matchedRuleId()).isEqualTo("half");
    }

    @Test
    void explain_shows_why_a_context_is_or_is_not_in_a_segment() {
        Segment staff = new Segment("staff", Set.of(), Set.of("intern"), List.of(new SegmentRule("domain",
                List.of(clause("email", "endsWith", "@flagledger.dev")), null, null)), null, 1);
        FlagConfig flag = booleanFlag("f", List.of(new Rule("staff", List.of(
                new Clause(null, "inSegment", List.of("staff", "gone"), false)), serve("on"))), serve("off"));
        EvaluationConfig config = EvaluationConfig.compile(List.of(flag), List.of(staff));

        TraceStep.RuleEvaluated rule = (TraceStep.RuleEvaluated) config.explain("f", null,
                user("intern", Map.of("email", "i@flagledger.dev"))).trace().get(0);

        assertThat(rule.clauses()).singleElement().satisfies(clause -> {
            assertThat(clause.actualValue()).isEqualTo("intern");
            assertThat(clause.segments()).containsExactly(
                    new TraceStep.SegmentChecked("staff", false, "excluded"),
                    new TraceStep.SegmentChecked("gone", false, "not found"));
        });
        TraceStep.RuleEvaluated member = (TraceStep.RuleEvaluated) config.explain("f", null,
                user("ann", Map.of("email", "ann@flagledger.dev"))).trace().get(0);
        assertThat(member.clauses().get(0).segments())
                .containsExactly(new TraceStep.SegmentChecked("staff", true, "rule domain"));
    }

    @Test
    void explain_records_a_failed_prerequisite() {
        FlagConfig base = booleanFlag("base", List.of(), serve("off"));
        FlagConfig child = booleanFlag("child", Map.of(), List.of(), serve("on"),
                List.of(new Prerequisite("base", "on")));
        EvaluationConfig config = EvaluationConfig.compile(List.of(base, child), List.of());

        Explanation explanation = config.explain("child", null, user("u", Map.of()));

        assertThat(explanation.trace()).containsExactly(
                new TraceStep.PrerequisiteChecked("base", "on", "off", Reason.DEFAULT, false));
        assertThat(explanation.result().metadata()).containsEntry("prerequisiteFailed", "base")
                .containsEntry("reasonDetail", "PREREQUISITE_FAILED");
    }

    @Test
    void explain_records_a_disabled_flag_and_nothing_after_it() {
        FlagConfig off = new FlagConfig("off", ValueType.BOOLEAN, Map.of("on", true, "off", false), false, "off",
                Map.of("on", Set.of("u")), List.of(), serve("on"), List.of(), null, 1);
        Explanation explanation = EvaluationConfig.compile(List.of(off), List.of())
                .explain("off", null, user("u", Map.of()));
        assertThat(explanation.trace()).containsExactly(new TraceStep.FlagDisabled("off"));
        assertThat(explanation.result().reason()).isEqualTo(Reason.DISABLED);
    }

    @Test
    void the_fallthrough_is_recorded_when_nothing_matched() {
        EvaluationConfig config = EvaluationConfig.compile(List.of(booleanFlag("f", List.of(), serve("on"))),
                List.of());
        assertThat(config.explain("f", null, EvaluationContext.empty()).trace())
                .containsExactly(new TraceStep.FallthroughReached());
    }

    @Test
    void a_prerequisite_chain_deeper_than_the_bound_is_a_general_error_not_a_stack_overflow() {
        List<FlagConfig> chain = new ArrayList<>();
        int length = Evaluator.MAX_PREREQUISITE_DEPTH + 5;
        for (int i = 0; i < length; i++) {
            List<Prerequisite> prerequisites = i + 1 < length ? List.of(new Prerequisite("f" + (i + 1), "on"))
                    : List.of();
            chain.add(booleanFlag("f" + i, Map.of(), List.of(), serve("on"), prerequisites));
        }
        EvaluationConfig config = EvaluationConfig.compile(chain, List.of());

        EvaluationResult result = config.evaluate("f0", user("u", Map.of()));

        assertThat(result.errorCode()).isEqualTo(ErrorCode.GENERAL);
        assertThat(result.errorMessage()).contains("deeper than");
        assertThat(config.evaluate("f" + (length - Evaluator.MAX_PREREQUISITE_DEPTH), user("u", Map.of())).variant())
                .isEqualTo("on");
    }

    @Test
    void a_prerequisite_cycle_names_the_flags_on_the_cycle() {
        FlagConfig a = booleanFlag("a", Map.of(), List.of(), serve("on"), List.of(new Prerequisite("b", "on")));
        FlagConfig b = booleanFlag("b", Map.of(), List.of(), serve("on"), List.of(new Prerequisite("a", "on")));

        EvaluationResult result = EvaluationConfig.compile(List.of(a, b), List.of()).evaluate("a", null);

        assertThat(result.errorCode()).isEqualTo(ErrorCode.GENERAL);
        assertThat(result.errorMessage()).contains("a -> b -> a");
    }

    @Test
    void a_null_context_or_flag_key_is_answered_not_thrown() {
        EvaluationConfig config = EvaluationConfig.compile(List.of(booleanFlag("f", List.of(), serve("on"))),
                List.of());
        assertThat(config.evaluate("f", null).variant()).isEqualTo("on");
        assertThat(config.evaluate(null, EvaluationContext.empty()).errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    }

    @Test
    void unexpected_values_deep_in_the_context_do_not_break_evaluation() {
        FlagConfig flag = booleanFlag("f", List.of(new Rule("r", List.of(clause("a.b", "in", "x")), serve("on"))),
                serve("off"));
        EvaluationConfig config = EvaluationConfig.compile(List.of(flag), List.of());
        Map<String, Object> odd = new HashMap<>();
        odd.put("a", Map.of("b", new Object()));
        assertThat(config.evaluate("f", user("u", odd)).variant()).isEqualTo("off");
        assertThat(config.evaluate("f", user("u", Map.of("a", List.of(Map.of("b", "x"))))).variant())
                .isEqualTo("off");
    }

    @Test
    void invalid_definitions_are_reported_and_the_rest_of_the_environment_works() {
        FlagConfig good = booleanFlag("good", List.of(), serve("on"));
        FlagConfig badOperator = booleanFlag("bad", List.of(new Rule("r", List.of(clause("a", "isIn", "x")),
                serve("on"))), serve("off"));
        EvaluationConfig config = EvaluationConfig.compile(new EnvironmentDefinition(List.of(good, badOperator),
                List.of(), Map.of("unreadable", "flags.unreadable: must be an object"), Map.of()));

        assertThat(config.flagKeys()).containsExactly("bad", "good", "unreadable");
        assertThat(config.invalidFlags()).containsOnlyKeys("bad", "unreadable");
        assertThat(config.invalidFlags().get("bad")).contains("unknown operator 'isIn'");
        assertThat(config.evaluate("unreadable", null).errorCode()).isEqualTo(ErrorCode.PARSE_ERROR);
        assertThat(config.evaluate("good", null).variant()).isEqualTo("on");
    }

    @Test
    void a_flag_defined_twice_is_invalid_rather_than_silently_one_of_them() {
        EvaluationConfig config = EvaluationConfig.compile(List.of(booleanFlag("f", List.of(), serve("on")),
                booleanFlag("f", List.of(), serve("off"))), List.of());
        assertThat(config.evaluate("f", null).errorCode()).isEqualTo(ErrorCode.PARSE_ERROR);
    }

    @Test
    void fixed_results_are_prebuilt_so_repeated_evaluations_return_the_same_instance() {
        EvaluationConfig config = EvaluationConfig.compile(List.of(booleanFlag("f",
                List.of(new Rule("r", List.of(clause("country", "in", "NL")), serve("on"))), serve("off"))), List.of());
        EvaluationContext context = user("u", Map.of("country", "NL"));
        assertThat(config.evaluate("f", context)).isSameAs(config.evaluate("f", context));
    }

    @Test
    void served_json_values_cannot_be_changed_by_a_caller() {
        FlagConfig flag = new FlagConfig("j", ValueType.JSON, Map.of("v", new HashMap<>(Map.of("k", "v"))), true, "v",
                Map.of(), List.of(), serve("v"), List.of(), null, 1);
        Object value = EvaluationConfig.compile(List.of(flag), List.of()).evaluate("j", null).value();
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> map.put("k", "changed"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
