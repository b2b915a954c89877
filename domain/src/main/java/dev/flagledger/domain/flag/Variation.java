package dev.flagledger.domain.flag;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A named, typed value a flag can serve. Plain data, so events that carry it stay readable when
 * validation rules change; {@link ValueType#check} validates it on the way in.
 */
public record Variation(String key, String name, String description, Object value) {
    public Variation {
        if (value instanceof Number number) value = canonicalNumber(number);
    }

    /**
     * One representation for numbers, so 5, 5L and 5.0 read back from JSON compare equal. Trailing
     * zeros go, but never into a negative scale: 10 stays 10 rather than 1E+1, which typed clients
     * would read as a floating-point number.
     */
    static BigDecimal canonicalNumber(Number number) {
        if (number instanceof BigDecimal decimal) return withoutTrailingZeros(decimal);
        if (number instanceof BigInteger integer) return new BigDecimal(integer);
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d))
                throw new dev.flagledger.domain.shared.InvalidInput("numbers must be finite");
        }
        return withoutTrailingZeros(new BigDecimal(number.toString()));
    }

    private static BigDecimal withoutTrailingZeros(BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
