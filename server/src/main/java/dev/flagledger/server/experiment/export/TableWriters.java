package dev.flagledger.server.experiment.export;

import blue.strategic.parquet.ParquetWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** CSV (RFC 4180) and Parquet (SNAPPY, optional columns) for a {@link Table}. */
public final class TableWriters {
    private TableWriters() {
    }

    public static void csv(Table table, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>();
        for (Table.Column column : table.columns()) header.add(column.name());
        line(writer, header.toArray());
        for (Object[] row : table.rows()) line(writer, row);
        writer.flush();
    }

    private static void line(Writer writer, Object[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) writer.write(',');
            writer.write(cell(cells[i]));
        }
        writer.write("\r\n");
    }

    static String cell(Object value) {
        if (value == null) return "";
        String text = String.valueOf(value);
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        // A leading =, +, - or @ makes spreadsheets evaluate the cell; an apostrophe keeps it text.
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) text = "'" + text;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    public static void parquet(Table table, String name, File file) throws IOException {
        List<Type> fields = new ArrayList<>();
        for (Table.Column column : table.columns()) {
            fields.add(switch (column.type()) {
                case STRING -> Types.optional(PrimitiveType.PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType()).named(column.name());
                case LONG -> Types.optional(PrimitiveType.PrimitiveTypeName.INT64).named(column.name());
                case DOUBLE -> Types.optional(PrimitiveType.PrimitiveTypeName.DOUBLE).named(column.name());
                case BOOLEAN -> Types.optional(PrimitiveType.PrimitiveTypeName.BOOLEAN).named(column.name());
            });
        }
        MessageType schema = new MessageType(name, fields);
        List<Table.Column> columns = table.columns();
        try (ParquetWriter<Object[]> writer = ParquetWriter.writeFile(schema, file, (row, values) -> {
            for (int i = 0; i < columns.size(); i++) if (row[i] != null) values.write(columns.get(i).name(), row[i]);
        })) {
            for (Object[] row : table.rows()) writer.write(row);
        }
    }
}
