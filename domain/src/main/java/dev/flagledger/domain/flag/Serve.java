package dev.flagledger.domain.flag;

/**
 * What a rule serves: exactly one of a fixed {@code variation} or a {@code rollout}. A record with
 * two optional parts rather than a sealed family, because events are stored as JSON by a serializer
 * the domain must not annotate; the shape is also exactly the SDK config's {@code serve} object.
 */
public record Serve(String variation, Rollout rollout) {

    public static Serve variation(String variation) {
        return new Serve(variation, null);
    }

    public static Serve rollout(Rollout rollout) {
        return new Serve(null, rollout);
    }
}
