package dev.flagledger.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.cli.CliException;
import dev.flagledger.cli.client.GraphQlClient;
import dev.flagledger.cli.output.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Values given on the command line: JSON where it parses, else the text as a string. */
final class Values {
    private Values() {
    }

    /** The value part of {@code key=value}. */
    static Object parse(String keyValue, String option) {
        int equals = keyValue.indexOf('=');
        if (equals <= 0) throw CliException.badInput(option + " must be KEY=VALUE, got '" + keyValue + "'");
        String text = keyValue.substring(equals + 1);
        try {
            return GraphQlClient.JSON.readValue(text, Object.class);
        } catch (IOException notJson) {
            return text;
        }
    }

    /** JSON given inline, or {@code @file} (JSON or YAML), or {@code -} for standard input. */
    static JsonNode document(String text, String option) {
        try {
            if (text.equals("-")) return Yaml.MAPPER.readTree(System.in);
            if (text.startsWith("@")) {
                Path file = Path.of(text.substring(1));
                if (!Files.isRegularFile(file)) throw CliException.badInput(option + ": no file " + file);
                return Yaml.MAPPER.readTree(file.toFile());
            }
            return GraphQlClient.JSON.readTree(text);
        } catch (IOException e) {
            throw CliException.badInput(option + " is not valid JSON or YAML: " + firstLine(e.getMessage()));
        }
    }

    static String firstLine(String message) {
        if (message == null) return "";
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
