package dev.flagledger.cli.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Conditions in disjunctive normal form: a list of conjunctions of clauses. A rule's clauses are
 * ANDed and rules are tried in order, so each conjunction becomes one rule serving the same thing.
 */
final class Dnf {
    /** More rules than this for one condition is a sign of a formula we should not flatten. */
    static final int MAX_TERMS = 64;

    private Dnf() {
    }

    static List<List<ObjectNode>> always() {
        List<List<ObjectNode>> dnf = new ArrayList<>();
        dnf.add(new ArrayList<>());
        return dnf;
    }

    static List<List<ObjectNode>> never() {
        return new ArrayList<>();
    }

    static List<List<ObjectNode>> of(List<ObjectNode> conjunction) {
        List<List<ObjectNode>> dnf = new ArrayList<>();
        dnf.add(new ArrayList<>(conjunction));
        return dnf;
    }

    static List<List<ObjectNode>> or(List<List<ObjectNode>> a, List<List<ObjectNode>> b) {
        List<List<ObjectNode>> out = new ArrayList<>(a);
        out.addAll(b);
        return limit(out);
    }

    static List<List<ObjectNode>> and(List<List<ObjectNode>> a, List<List<ObjectNode>> b) {
        List<List<ObjectNode>> out = new ArrayList<>();
        for (List<ObjectNode> left : a)
            for (List<ObjectNode> right : b) {
                List<ObjectNode> both = new ArrayList<>(left);
                both.addAll(right);
                out.add(both);
                if (out.size() > MAX_TERMS) throw new Unsupported("the condition expands to more than " + MAX_TERMS + " rules");
            }
        return out;
    }

    private static List<List<ObjectNode>> limit(List<List<ObjectNode>> dnf) {
        if (dnf.size() > MAX_TERMS) throw new Unsupported("the condition expands to more than " + MAX_TERMS + " rules");
        return dnf;
    }

    /** A construct the importer cannot represent; the message is the reason. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String reason) {
            super(reason);
        }
    }
}
