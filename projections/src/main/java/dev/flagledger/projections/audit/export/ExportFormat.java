package dev.flagledger.projections.audit.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** How exported entries are written, one at a time, so an export of any size streams. */
public sealed interface ExportFormat permits ExportFormat.JsonLines, ExportFormat.Csv {

    String contentType();

    String extension();

    /** Writes the header (if any); returns a sink for the lines. */
    Sink open(OutputStream out) throws IOException;

    interface Sink extends AutoCloseable {
        void write(ExportLine line) throws IOException;

        @Override
        void close() throws IOException;
    }

    static ExportFormat named(String name) {
        return switch (name == null ? "jsonl" : name) {
            case "jsonl", "ndjson" -> new JsonLines();
            case "csv" -> new Csv();
            default -> throw new dev.flagledger.domain.shared.InvalidInput("format must be jsonl or csv");
        };
    }

    /** One JSON object per line, keys in {@link ExportLine#COLUMNS} order, absent values as null. */
    record JsonLines() implements ExportFormat {
        private static final JsonFactory JSON = new JsonFactory();

        public String contentType() {
            return "application/x-ndjson";
        }

        public String extension() {
            return "jsonl";
        }

        public Sink open(OutputStream out) throws IOException {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            return new Sink() {
                public void write(ExportLine line) throws IOException {
                    JsonGenerator json = JSON.createGenerator(writer);
                    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    json.writeStartObject();
                    for (Map.Entry<String, String> value : line.values().entrySet())
                        json.writeStringField(value.getKey(), value.getValue());
                    json.writeEndObject();
                    json.flush();
                    writer.write('\n');
                }

                public void close() throws IOException {
                    writer.flush();
                }
            };
        }
    }

    /**
     * RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line
     * break. An absent value is an empty field (no exported value that the chain hashes is ever empty
     * but absent: payload revision is the one that may be absent, and then it is never "").
     */
    record Csv() implements ExportFormat {
        public String contentType() {
            return "text/csv";
        }

        public String extension() {
            return "csv";
        }

        public Sink open(OutputStream out) throws IOException {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(String.join(",", ExportLine.COLUMNS) + "\r\n");
            return new Sink() {
                public void write(ExportLine line) throws IOException {
                    boolean first = true;
                    for (String value : line.values().values()) {
                        if (!first) writer.write(',');
                        first = false;
                        writer.write(quote(value));
                    }
                    writer.write("\r\n");
                }

                public void close() throws IOException {
                    writer.flush();
                }
            };
        }

        static String quote(String value) {
            if (value == null) return "";
            if (value.isEmpty()) return "\"\"";
            if (value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) return value;
            return '"' + value.replace("\"", "\"\"") + '"';
        }
    }
}
