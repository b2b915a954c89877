package dev.flagledger.evaluation.operator;

import java.util.List;

/**
 * A Semantic Versioning 2.0.0 version, {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, with the
 * precedence of semver.org section 11. Parsing is strict: no {@code v} prefix, no missing parts,
 * no leading zeros. Build metadata is accepted and ignored for precedence.
 */
public record Semver(long major, long minor, long patch, List<String> prerelease) implements Comparable<Semver> {
    /** Longer inputs are not versions; it keeps hostile attribute values cheap. */
    static final int MAX_LENGTH = 256;

    public Semver {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers are never negative");
        }
        prerelease = List.copyOf(prerelease);
    }

    /** Parses a version, or returns null when {@code text} is not strict semver. */
    public static Semver parseOrNull(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        int plus = text.indexOf('+');
        String withoutBuild = plus < 0 ? text : text.substring(0, plus);
        if (plus >= 0 && !validIdentifiers(text.substring(plus + 1), false)) {
            return null;
        }
        int dash = withoutBuild.indexOf('-');
        String core = dash < 0 ? withoutBuild : withoutBuild.substring(0, dash);
        List<String> prerelease = List.of();
        if (dash >= 0) {
            String pre = withoutBuild.substring(dash + 1);
            if (!validIdentifiers(pre, true)) {
                return null;
            }
            prerelease = List.of(pre.split("\\.", -1));
        }
        String[] parts = core.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        long[] numbers = new long[3];
        for (int i = 0; i < 3; i++) {
            if (!isNumeric(parts[i]) || hasLeadingZero(parts[i]) || parts[i].length() > 18) {
                return null;
            }
            numbers[i] = Long.parseLong(parts[i]);
        }
        return new Semver(numbers[0], numbers[1], numbers[2], prerelease);
    }

    /** What {@link #compareRelease} answers for text that is not a plain {@code MAJOR.MINOR.PATCH}. */
    static final int NOT_A_PLAIN_RELEASE = Integer.MIN_VALUE;

    /**
     * {@code parseOrNull(text).compareTo(other)}'s sign for the common attribute shape, a plain
     * {@code MAJOR.MINOR.PATCH} (digits and two dots, no leading zeros), without allocating; any
     * other text, valid or not, answers {@link #NOT_A_PLAIN_RELEASE} and the caller parses it.
     * Clause evaluation calls this per context, so the version is read in place.
     */
    static int compareRelease(String text, Semver other) {
        int length = text.length();
        if (length == 0 || length > MAX_LENGTH) {
            return NOT_A_PLAIN_RELEASE;
        }
        long major = 0;
        long minor = 0;
        long number = 0;
        int field = 0;
        int start = 0;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? text.charAt(i) : '.';
            if (c == '.') {
                int digits = i - start;
                if (digits == 0 || digits > 18 || digits > 1 && text.charAt(start) == '0' || field == 3) {
                    return NOT_A_PLAIN_RELEASE;
                }
                if (field == 0) {
                    major = number;
                } else if (field == 1) {
                    minor = number;
                }
                field++;
                start = i + 1;
                if (i < length) {
                    number = 0;
                }
            } else if (c >= '0' && c <= '9') {
                number = number * 10 + (c - '0');
            } else {
                return NOT_A_PLAIN_RELEASE;
            }
        }
        if (field != 3) {
            return NOT_A_PLAIN_RELEASE;
        }
        int result = Long.compare(major, other.major);
        if (result == 0) {
            result = Long.compare(minor, other.minor);
        }
        if (result == 0) {
            result = Long.compare(number, other.patch);
        }
        // A release outranks any of its pre-releases: 1.0.0 > 1.0.0-rc.1.
        return result != 0 ? result : other.prerelease.isEmpty() ? 0 : 1;
    }

    @Override
    public int compareTo(Semver other) {
        int result = Long.compare(major, other.major);
        if (result == 0) {
            result = Long.compare(minor, other.minor);
        }
        if (result == 0) {
            result = Long.compare(patch, other.patch);
        }
        return result != 0 ? result : comparePrerelease(prerelease, other.prerelease);
    }

    private static int comparePrerelease(List<String> a, List<String> b) {
        // A release outranks any of its pre-releases: 1.0.0-rc.1 < 1.0.0.
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int result = compareIdentifier(a.get(i), b.get(i));
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareIdentifier(String a, String b) {
        boolean numericA = isNumeric(a);
        boolean numericB = isNumeric(b);
        if (numericA && numericB) {
            // No leading zeros, so the longer number is the larger one, and any length works.
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean validIdentifiers(String dotted, boolean prerelease) {
        for (String identifier : dotted.split("\\.", -1)) {
            if (identifier.isEmpty()) {
                return false;
            }
            for (int i = 0; i < identifier.length(); i++) {
                char c = identifier.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-')) {
                    return false;
                }
            }
            if (prerelease && isNumeric(identifier) && hasLeadingZero(identifier)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumeric(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLeadingZero(String digits) {
        return digits.length() > 1 && digits.charAt(0) == '0';
    }
}
