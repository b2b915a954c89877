package dev.flagledger.domain.flag;

import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.Text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validates a flag's list of variations against its value type. */
final class Variations {
    static final int MAX = 100;
    static final List<Variation> BOOLEAN_DEFAULTS = List.of(
            new Variation("on", "On", "", true),
            new Variation("off", "Off", "", false));

    private Variations() {
    }

    static List<Variation> check(ValueType type, List<Variation> variations) {
        if (variations == null || variations.isEmpty()) {
            if (type == ValueType.BOOLEAN) return BOOLEAN_DEFAULTS;
            throw new InvalidInput("a " + type + " flag needs at least one variation");
        }
        if (variations.size() > MAX) throw new InvalidInput("a flag has at most " + MAX + " variations");
        Set<String> keys = new HashSet<>();
        List<Variation> checked = new ArrayList<>(variations.size());
        for (Variation variation : variations) {
            String key = VariationKey.check(variation.key());
            if (!keys.add(key)) throw new InvalidInput("variation key " + key + " appears twice");
            checked.add(new Variation(key,
                    Text.optional("variation name", variation.name(), Text.NAME_MAX),
                    Text.optional("variation description", variation.description(), Text.DESCRIPTION_MAX),
                    type.check(key, variation.value())));
        }
        return List.copyOf(checked);
    }
}
