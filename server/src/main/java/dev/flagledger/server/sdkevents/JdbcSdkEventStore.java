package dev.flagledger.server.sdkevents;

import dev.flagledger.projections.stale.ExposureCounts;
import dev.flagledger.sdk.events.SdkEvent;
import dev.flagledger.sdk.events.SdkEventStore;
import dev.flagledger.sdk.keys.SdkKeyGrant;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SDK events in the append-only table {@code sdk_event} (V50): one batch insert per request, in one
 * transaction, so a batch is stored whole or not at all. The same transaction counts the batch's
 * exposures ({@link ExposureCounts}), so the counts never miss or double a stored event.
 */
@Component
public class JdbcSdkEventStore implements SdkEventStore {
    private static final String INSERT = """
            insert into sdk_event (project_key, environment, sdk_key_id, kind, flag_key, variant, reason, event_name,
                                   numeric_value, details, context_key, occurred_at, received_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final int[] TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DOUBLE, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
            Types.TIMESTAMP_WITH_TIMEZONE};
    /** Two batches creating the same new count row: one loses and runs again (rare, so few tries). */
    private static final int ATTEMPTS = 5;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ExposureCounts exposureCounts;

    public JdbcSdkEventStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, ExposureCounts exposureCounts) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.exposureCounts = exposureCounts;
    }

    @Override
    public void append(SdkKeyGrant source, Instant receivedAt, List<SdkEvent> events) {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (SdkEvent event : events) {
            // Java 17: no pattern switch yet; the family is sealed, so these two are all there is.
            Object[] row = event instanceof SdkEvent.Exposure e
                    ? new Object[] {"exposure", e.flagKey(), e.variant(), e.reason(), null, null, null}
                    : custom((SdkEvent.Custom) event);
            rows.add(new Object[] {source.projectKey(), source.environment(), source.id(), row[0], row[1], row[2], row[3],
                    row[4], row[5], row[6], event.contextKey(), event.occurredAt().atOffset(ZoneOffset.UTC), receivedAt.atOffset(ZoneOffset.UTC)});
        }
        List<ExposureCounts.Exposure> exposures = new ArrayList<>();
        for (SdkEvent event : events)
            if (event instanceof SdkEvent.Exposure e)
                exposures.add(new ExposureCounts.Exposure(e.flagKey(), e.variant(), e.occurredAt()));
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> {
                    jdbc.batchUpdate(INSERT, rows, TYPES);
                    if (!exposures.isEmpty())
                        exposureCounts.add(source.projectKey(), source.environment(), exposures);
                });
                return;
            } catch (DuplicateKeyException raced) {
                if (attempt == ATTEMPTS) throw raced;
            }
        }
    }

    private static Object[] custom(SdkEvent.Custom c) {
        return new Object[] {"custom", null, null, null, c.name(), c.value(), c.details()};
    }
}
