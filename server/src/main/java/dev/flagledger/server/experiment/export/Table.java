package dev.flagledger.server.experiment.export;

import java.util.List;

/**
 * A rectangular export: named, typed columns and rows of plain values (String, Long, Double, Boolean),
 * written as CSV or Parquet by the same code.
 */
public record Table(List<Column> columns, List<Object[]> rows) {
    public enum Type { STRING, LONG, DOUBLE, BOOLEAN }

    public record Column(String name, Type type) {
    }
}
