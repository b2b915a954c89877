package dev.flagledger.projections.flag;

/** A variation; {@code value} is a JSON-shaped Java value (Boolean, String, BigDecimal, Map, List). */
public record VariationView(String key, String name, String description, Object value) {
}
