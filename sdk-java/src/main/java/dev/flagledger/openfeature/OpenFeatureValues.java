package dev.flagledger.openfeature;

import dev.flagledger.evaluation.EvaluationContext;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.Structure;
import dev.openfeature.sdk.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Between OpenFeature's types (contexts, {@link Value}s, metadata) and the engine's plain JSON trees. */
final class OpenFeatureValues {
    private OpenFeatureValues() {
    }

    /**
     * The OpenFeature context as the engine reads it: a view that converts an attribute when the
     * engine asks for it (instants become ISO-8601 strings), so an evaluation copies nothing and a
     * merged client context is never materialised.
     */
    static EvaluationContext context(dev.openfeature.sdk.EvaluationContext context) {
        if (context == null) return EvaluationContext.empty();
        return EvaluationContext.view(new ContextView(context));
    }

    /** Attributes read from the OpenFeature context on demand; the engine only calls {@code get}. */
    private static final class ContextView extends AbstractMap<String, Object> {
        private final dev.openfeature.sdk.EvaluationContext context;
        /** The engine asks for the targeting key several times per evaluation; a client context's layers once. */
        private Object targetingKey;
        private boolean targetingKeyRead;

        ContextView(dev.openfeature.sdk.EvaluationContext context) {
            this.context = context;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String name)) return null;
            if (EvaluationContext.TARGETING_KEY.equals(name)) {
                if (!targetingKeyRead) {
                    String text = context.getTargetingKey();
                    // A targetingKey attribute that is not a string stays what it is: the engine says INVALID_CONTEXT.
                    targetingKey = text != null && !text.isEmpty() ? text : plain(context.getValue(name));
                    targetingKeyRead = true;
                }
                return targetingKey;
            }
            return plain(context.getValue(name));
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>();
            context.asUnmodifiableMap().forEach((key, value) -> all.put(key, plain(value)));
            if (context.getTargetingKey() != null) all.putIfAbsent(EvaluationContext.TARGETING_KEY, context.getTargetingKey());
            return all.entrySet();
        }
    }

    static Object plain(Value value) {
        if (value == null || value.isNull()) return null;
        if (value.isBoolean()) return value.asBoolean();
        if (value.isString()) return value.asString();
        if (value.isNumber()) return value.asObject();
        if (value.isInstant()) return value.asInstant().toString();
        if (value.isList()) {
            List<Object> list = new ArrayList<>();
            for (Value element : value.asList()) list.add(plain(element));
            return list;
        }
        if (value.isStructure()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.asStructure().asMap().forEach((key, element) -> map.put(key, plain(element)));
            return map;
        }
        Object raw = value.asObject();
        return raw instanceof Instant instant ? instant.toString() : raw;
    }

    /** A JSON tree as an OpenFeature value (object flags). */
    static Value value(Object json) {
        if (json == null) return new Value();
        if (json instanceof Boolean b) return new Value(b);
        if (json instanceof String s) return new Value(s);
        if (json instanceof Integer i) return new Value(i);
        if (json instanceof Long l) return new Value(l);
        if (json instanceof BigInteger || json instanceof BigDecimal) return new Value(((Number) json).doubleValue());
        if (json instanceof Number n) return new Value(n.doubleValue());
        if (json instanceof List<?> list) {
            List<Value> values = new ArrayList<>(list.size());
            for (Object element : list) values.add(value(element));
            return new Value(values);
        }
        if (json instanceof Map<?, ?> map) {
            Map<String, Value> values = new LinkedHashMap<>();
            map.forEach((key, element) -> values.put(String.valueOf(key), value(element)));
            return new Value((Structure) new ImmutableStructure(values));
        }
        return new Value(String.valueOf(json));
    }

    /** A number flag's value as an int, or null when it is not integral or out of range. */
    static Integer integer(Object json) {
        Long value = longValue(json);
        return value != null && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? value.intValue() : null;
    }

    static Long longValue(Object json) {
        if (json instanceof Integer || json instanceof Long || json instanceof Short || json instanceof Byte)
            return ((Number) json).longValue();
        if (json instanceof BigInteger big) return big.bitLength() < 64 ? big.longValue() : null;
        if (json instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p63) return (long) d;
        }
        return null;
    }

    static Double doubleValue(Object json) {
        return json instanceof Number number ? number.doubleValue() : null;
    }

    /** Flat engine metadata as OpenFeature flag metadata. */
    static ImmutableMetadata metadata(Map<String, Object> entries, Map<String, Object> extra) {
        if (entries.isEmpty() && extra.isEmpty()) return ImmutableMetadata.EMPTY;
        ImmutableMetadata.ImmutableMetadataBuilder builder = ImmutableMetadata.builder();
        entries.forEach((key, value) -> add(builder, key, value));
        extra.forEach((key, value) -> add(builder, key, value));
        return builder.build();
    }

    private static void add(ImmutableMetadata.ImmutableMetadataBuilder builder, String key, Object value) {
        if (value instanceof String s) builder.addString(key, s);
        else if (value instanceof Integer i) builder.addInteger(key, i);
        else if (value instanceof Long l) builder.addLong(key, l);
        else if (value instanceof Double d) builder.addDouble(key, d);
        else if (value instanceof Float f) builder.addFloat(key, f);
        else if (value instanceof Boolean b) builder.addBoolean(key, b);
        else if (value != null) builder.addString(key, String.valueOf(value));
    }
}
