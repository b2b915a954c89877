package dev.flagledger.domain.flag;

import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.Text;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Tags label flags for search and ownership; checked here so every command agrees. */
final class Tags {
    static final int MAX = 50;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}");

    private Tags() {
    }

    static List<String> check(List<String> tags) {
        if (tags == null) return List.of();
        if (tags.size() > MAX) throw new InvalidInput("a flag has at most " + MAX + " tags");
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String tag : tags) unique.add(Text.matching("tag", tag, SHAPE));
        return List.copyOf(unique);
    }
}
