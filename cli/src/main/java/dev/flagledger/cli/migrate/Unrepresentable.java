package dev.flagledger.cli.migrate;

/**
 * Something of the source an import could not carry over exactly, with where it was and why.
 * {@code dropped} says whether it is gone (the flag or rule was left out) or kept with a difference
 * the report explains (a renamed key, a semantic note). Nothing is ever left out silently.
 */
public record Unrepresentable(String where, String what, String reason, boolean dropped) {
    @Override
    public String toString() {
        return (dropped ? "DROPPED " : "NOTE    ") + where + ": " + what + " (" + reason + ")";
    }
}
