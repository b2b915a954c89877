package dev.flagledger.server.bench;

import java.util.LinkedHashMap;

/** A benchmark's figures by name, in the order measured; each is printed as it comes, in case a later step fails. */
final class Results extends LinkedHashMap<String, String> {
    @Override
    public String put(String name, String value) {
        System.out.printf("RESULT | %s | %s |%n", name, value);
        return super.put(name, value);
    }

    /** All of them again, as a Markdown table's rows. */
    void print() {
        forEach((name, value) -> System.out.printf("| %s | %s |%n", name, value));
    }
}
