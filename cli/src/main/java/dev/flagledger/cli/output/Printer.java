package dev.flagledger.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.util.function.Function;

/** Prints a command's result in the chosen format: the table for people, the data for scripts. */
public final class Printer {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Format format;
    private final PrintWriter out;

    public Printer(Format format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    public Format format() {
        return format;
    }

    /** JSON and YAML print {@code data} as it is; a table is built from it by {@code table}. */
    public void print(JsonNode data, Function<JsonNode, String> table) {
        switch (format) {
            case JSON -> out.println(json(data));
            case YAML -> out.print(yaml(data));
            case TABLE -> out.print(table.apply(data));
        }
        out.flush();
    }

    public static String json(Object data) {
        try {
            return PRETTY.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String yaml(Object data) {
        try {
            return Yaml.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
