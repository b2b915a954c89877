package dev.flagledger.evaluation;

import java.util.List;

import dev.flagledger.evaluation.model.Clause;
import dev.flagledger.evaluation.model.JsonValues;
import dev.flagledger.evaluation.operator.ValueMatcher;

/** A clause with its operator and values prepared; evaluating it parses nothing from the config. */
sealed interface CompiledClause permits CompiledClause.OnAttribute, CompiledClause.InSegment {

    Clause source();

    boolean matches(EvaluationContext context, SegmentMembership segments, int depth, Tracer tracer);

    /** Compares one attribute; a list attribute matches when any element does. */
    record OnAttribute(Clause source, AttributePath path, ValueMatcher matcher) implements CompiledClause {
        @Override
        public boolean matches(EvaluationContext context, SegmentMembership segments, int depth, Tracer tracer) {
            Object actual = path.resolve(context);
            // An absent attribute never matches, negated or not: "country not in [NL]" says
            // nothing about a context without a country (the LaunchDarkly rule, which SDKs share).
            boolean matched = actual != null && source.negate() != anyMatches(actual);
            tracer.clause(this, actual, matched);
            return matched;
        }

        private boolean anyMatches(Object actual) {
            if (actual instanceof List<?> list) {
                for (Object element : list) {
                    if (JsonValues.isScalar(element) && matcher.matches(element)) {
                        return true;
                    }
                }
                return false;
            }
            return JsonValues.isScalar(actual) && matcher.matches(actual);
        }
    }

    /** {@code inSegment}: member of any listed segment; the attribute is not used. */
    record InSegment(Clause source, String[] segmentKeys) implements CompiledClause {
        @Override
        public boolean matches(EvaluationContext context, SegmentMembership segments, int depth, Tracer tracer) {
            boolean member = false;
            for (String segmentKey : segmentKeys) {
                if (segments.contains(segmentKey, context, depth, tracer)) {
                    member = true;
                    break;
                }
            }
            boolean matched = source.negate() != member;
            tracer.clause(this, context.targetingKey(), matched);
            return matched;
        }
    }
}
