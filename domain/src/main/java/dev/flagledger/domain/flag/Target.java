package dev.flagledger.domain.flag;

import java.util.List;

/** Targeting keys that always get {@code variation} (when the flag is on and prerequisites hold). */
public record Target(String variation, List<String> keys) {
    public Target {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
