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

    /** One representation for numbers, so 5, 5L and 5.0 read back from JSON compare equal. */
    static BigDecimal canonicalNumber(Number number) {
        if (number instanceof BigDecimal decimal) return decimal.stripTrailingZeros();
        if (number instanceof BigInteger integer) return new BigDecimal(integer);
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d))
                throw new dev.flagledger.domain.shared.InvalidInput("numbers must be finite");
        }
        return new BigDecimal(number.toString()).stripTrailingZeros();
    }
}
