package dev.flagledger.projections.flag;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reads a {@code timestamp with time zone} column as the API shows times: at UTC, null when the column is. */
public final class TimeColumns {
    private TimeColumns() {
    }

    public static OffsetDateTime utc(ResultSet rs, String column) throws SQLException {
        return utc(rs.getObject(column, OffsetDateTime.class));
    }

    public static OffsetDateTime utc(ResultSet rs, int column) throws SQLException {
        return utc(rs.getObject(column, OffsetDateTime.class));
    }

    private static OffsetDateTime utc(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
