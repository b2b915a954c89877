package dev.flagledger.cli.migrate;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns another platform's names into Flagledger keys (lower case, {@code [a-z0-9._-]}), reporting
 * every rename and refusing collisions, so two flags never silently become one.
 */
final class Keys {
    private static final Pattern FLAG_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final Pattern VARIATION_KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private final Map<String, String> taken = new HashMap<>();
    private final boolean variation;

    private Keys(boolean variation) {
        this.variation = variation;
    }

    static Keys forFlags() {
        return new Keys(false);
    }

    static Keys forVariations() {
        return new Keys(true);
    }

    /** The key for {@code name}, or null when it collides with another name's key (reported). */
    String key(String name, String where, List<Unrepresentable> report) {
        String key = sanitize(name);
        String other = taken.putIfAbsent(key, name);
        if (other != null && !other.equals(name)) {
            report.add(new Unrepresentable(where, "'" + name + "'", "its key '" + key + "' is already taken by '" + other + "'", true));
            return null;
        }
        if (!key.equals(name))
            report.add(new Unrepresentable(where, "'" + name + "'", "renamed to '" + key + "': keys are "
                    + (variation ? VARIATION_KEY : FLAG_KEY).pattern(), false));
        return key;
    }

    private String sanitize(String name) {
        String allowed = variation ? "[^a-z0-9_-]" : "[^a-z0-9._-]";
        String key = name.toLowerCase(Locale.ROOT).replaceAll(allowed, "-");
        if (key.isEmpty() || !Character.isLetterOrDigit(key.charAt(0))) key = "x" + key;
        int max = variation ? 64 : 128;
        return key.length() > max ? key.substring(0, max) : key;
    }
}
