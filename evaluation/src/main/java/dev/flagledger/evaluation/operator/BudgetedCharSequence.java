package dev.flagledger.evaluation.operator;

/**
 * A read-only view of a string that gives up after a fixed number of character reads.
 * {@link java.util.regex.Matcher} reads its input only through {@link #charAt}, and a
 * backtracking blow-up is a blow-up in reads, so counting them bounds the work of any pattern
 * deterministically: the same input gives the same answer on every machine, unlike a clock.
 */
final class BudgetedCharSequence implements CharSequence {
    /** Thrown when the budget is spent; preallocated, without a stack trace, because it is routine. */
    static final RuntimeException EXHAUSTED = new RuntimeException("regex read budget exhausted", null, false, false) {
    };

    private final String text;
    private final int start;
    private final int end;
    private final long[] remaining;

    BudgetedCharSequence(String text, long budget) {
        this(text, 0, text.length(), new long[] {budget});
    }

    private BudgetedCharSequence(String text, int start, int end, long[] remaining) {
        this.text = text;
        this.start = start;
        this.end = end;
        // Shared with sub-sequences, so slicing cannot reset the budget.
        this.remaining = remaining;
    }

    @Override
    public int length() {
        return end - start;
    }

    @Override
    public char charAt(int index) {
        if (--remaining[0] < 0) {
            throw EXHAUSTED;
        }
        return text.charAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        if (from < 0 || to > length() || from > to) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + length());
        }
        return new BudgetedCharSequence(text, start + from, start + to, remaining);
    }

    @Override
    public String toString() {
        return text.substring(start, end);
    }
}
