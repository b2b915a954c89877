package dev.flagledger.bench.peers;

import java.nio.file.Path;
import java.util.List;

/**
 * One flag engine, configured from its rendering of {@link FlagSet}, holding a set of contexts
 * already converted to its own context type (so converting is not measured: an application builds
 * its context once per request, whatever it evaluates). Engines return the served variation name.
 */
public interface Engine extends AutoCloseable {

    String name();

    /** Converts the contexts once; {@code index} in the calls below refers to this list. */
    void prepare(List<Person> people);

    /** The served variation of a string flag, or {@code "(default)"} when the engine fell back. */
    String string(String flagKey, int index);

    /** The value of a boolean flag (false when the engine fell back). */
    boolean bool(String flagKey, int index);

    @Override
    void close();

    /** The engines by name, each reading its own file in {@code directory} (see {@link Renderings}). */
    static Engine create(String name, Path directory) {
        return switch (name) {
            case FlagledgerEngine.NAME -> new FlagledgerEngine(directory.resolve(Renderings.OURS));
            case FlagdEngine.NAME -> new FlagdEngine(directory.resolve(Renderings.FLAGD));
            case UnleashEngine.NAME -> new UnleashEngine(directory.resolve(Renderings.UNLEASH));
            case LaunchDarklyEngine.NAME -> new LaunchDarklyEngine(directory.resolve(Renderings.LAUNCHDARKLY));
            case OpenFeatureClientEngine.FLAGLEDGER -> OpenFeatureClientEngine.flagledger(directory.resolve(Renderings.OURS));
            case OpenFeatureClientEngine.FLAGD -> OpenFeatureClientEngine.flagd(directory.resolve(Renderings.FLAGD));
            default -> throw new IllegalArgumentException("unknown engine " + name);
        };
    }

    List<String> NAMES = List.of(FlagledgerEngine.NAME, FlagdEngine.NAME, UnleashEngine.NAME, LaunchDarklyEngine.NAME,
            OpenFeatureClientEngine.FLAGLEDGER, OpenFeatureClientEngine.FLAGD);

    String FELL_BACK = "(default)";
}
