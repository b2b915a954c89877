package dev.flagledger.evaluation.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain Java JSON trees: {@code Map<String,?>}, {@code List<?>}, {@code String}, {@code Number},
 * {@code Boolean} and {@code null}. Values served to callers are frozen so that one caller cannot
 * change what the next one sees.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** Returns a deeply unmodifiable copy of a JSON tree, rejecting anything that is not JSON. */
    public static Object freeze(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            if (!isFinite(number)) {
                throw new InvalidConfigException("numbers must be finite: " + number);
            }
            return number;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new InvalidConfigException("JSON object keys must be strings: " + entry.getKey());
                }
                copy.put(key, freeze(entry.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(freeze(element));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new InvalidConfigException("not a JSON value: " + value.getClass().getSimpleName());
    }

    /** True for String, Number and Boolean: the values operators compare. */
    public static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    static boolean isFinite(Number number) {
        if (number instanceof Double d) {
            return Double.isFinite(d);
        }
        if (number instanceof Float f) {
            return Float.isFinite(f);
        }
        return true;
    }

    /**
     * The decimal form of an integral number, or null when the number has a fraction or is too
     * large to be exact in a double (2^53): such numbers would print differently in each SDK.
     */
    public static String integralText(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof Byte) {
            return Long.toString(number.longValue());
        }
        if (number instanceof BigInteger big) {
            return big.bitLength() <= 53 ? big.toString() : null;
        }
        if (number instanceof BigDecimal decimal) {
            BigDecimal stripped = decimal.stripTrailingZeros();
            if (stripped.scale() > 0) {
                return null;
            }
            return integralText(stripped.toBigIntegerExact());
        }
        double d = number.doubleValue();
        if (!Double.isFinite(d) || d != Math.rint(d) || Math.abs(d) > 9_007_199_254_740_992d) {
            return null;
        }
        return Long.toString((long) d);
    }
}
