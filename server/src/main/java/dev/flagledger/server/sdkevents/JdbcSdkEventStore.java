package dev.flagledger.server.sdkevents;

import dev.flagledger.projections.experiment.ExperimentEventAggregator;
import dev.flagledger.projections.experiment.TrackedEvent;
import dev.flagledger.projections.snapshot.EvaluationSnapshots;
import dev.flagledger.projections.stale.ExposureCounts;
import dev.flagledger.sdk.events.SdkEvent;
import dev.flagledger.sdk.events.SdkEventStore;
import dev.flagledger.sdk.keys.SdkKeyGrant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SDK events in the append-only table {@code sdk_event}: one batch insert per request, in one
 * transaction with the experiments' per-unit aggregates and the stale-flag exposure counts, so a batch is stored and counted whole or not
 * at all. Each event has an idempotency key (the SDK's id, else a hash of its content), and
 * {@code on conflict do nothing} makes a retried batch store, and so count, nothing twice. Events
 * refused one by one are counted per reason in {@code sdk_event_rejection}: an exposure of a flag the
 * environment does not have, a timestamp more than {@code future-tolerance} ahead of the server's clock, or
 * older than {@code late-window} (late and out-of-order events inside it are taken as they come).
 */
@Component
public class JdbcSdkEventStore implements SdkEventStore {
    static final String UNKNOWN_FLAG = "unknown-flag";
    static final String FUTURE = "future-timestamp";
    static final String TOO_OLD = "too-old";
    private static final String INSERT = """
            insert into sdk_event (project_key, environment, sdk_key_id, kind, flag_key, variant, reason, rule_id, event_name,
                                   numeric_value, details, context_key, occurred_at, received_at, idempotency_key)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""";
    private static final int[] TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DOUBLE, Types.VARCHAR, Types.VARCHAR,
            Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR};
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EvaluationSnapshots snapshots;
    private final ExperimentEventAggregator aggregator;
    private final ExposureCounts exposureCounts;
    private final Duration lateWindow;
    private final Duration futureTolerance;
    /** The server's "now" (a bean, so tests can move it) for the windows; {@code receivedAt} is stored as given. */
    private final java.time.Clock clock;

    public JdbcSdkEventStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, EvaluationSnapshots snapshots,
                             ExperimentEventAggregator aggregator, ExposureCounts exposureCounts,
                             @Value("${flagledger.experiments.late-window:P90D}") Duration lateWindow,
                             @Value("${flagledger.experiments.future-tolerance:PT5M}") Duration futureTolerance,
                             java.time.Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.snapshots = snapshots;
        this.aggregator = aggregator;
        this.exposureCounts = exposureCounts;
        this.lateWindow = lateWindow;
        this.futureTolerance = futureTolerance;
        this.clock = clock;
    }

    @Override
    public Outcome append(SdkKeyGrant source, Instant receivedAt, List<SdkEvent> events) {
        Set<String> flags = snapshots.current(source.projectKey(), source.environment())
                .map(snapshot -> snapshot.config().flagKeys()).orElse(Set.of());
        Map<String, Integer> rejected = new TreeMap<>();
        List<SdkEvent> kept = new ArrayList<>(events.size());
        Instant now = clock.instant();
        for (SdkEvent event : events) {
            String refusal = refusal(event, flags, now);
            if (refusal == null) kept.add(event);
            else rejected.merge(refusal, 1, Integer::sum);
        }
        List<Object[]> rows = new ArrayList<>(kept.size());
        for (SdkEvent event : kept) rows.add(row(source, receivedAt, event));
        // Batches touching the same unit wait for each other at its lock (ExperimentEventAggregator); two that
        // create the same exposure-count row, or deadlock, collide: the loser's transaction runs again (rare).
        for (int attempt = 1; ; attempt++) {
            try {
                int stored = transactions.execute(status -> store(source, rows, kept, rejected));
                return new Outcome(stored, kept.size() - stored, rejected);
            } catch (DataIntegrityViolationException | PessimisticLockingFailureException collision) {
                if (attempt >= 5) throw collision;
            }
        }
    }

    private int store(SdkKeyGrant source, List<Object[]> rows, List<SdkEvent> kept, Map<String, Integer> rejected) {
        int[] inserted = rows.isEmpty() ? new int[0] : jdbc.batchUpdate(INSERT, rows, TYPES);
        List<TrackedEvent> fresh = new ArrayList<>();
        int stored = 0;
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] == 0) continue;
            stored++;
            fresh.add(tracked(kept.get(i)));
        }
        aggregator.apply(source.projectKey(), source.environment(), fresh);
        // The stale-flag exposure counts (docs/cli.md) count stored exposures only, so a retry adds nothing.
        List<ExposureCounts.Exposure> exposures = new ArrayList<>();
        for (TrackedEvent event : fresh)
            if (event.exposure()) exposures.add(new ExposureCounts.Exposure(event.flagKey(), event.variant(), event.occurredAt()));
        if (!exposures.isEmpty()) exposureCounts.add(source.projectKey(), source.environment(), exposures);
        rejected.forEach((reason, count) -> count(source, reason, count));
        return stored;
    }

    private void count(SdkKeyGrant source, String reason, int count) {
        int updated = jdbc.update("update sdk_event_rejection set rejected = rejected + ? where project_key = ?"
                + " and environment = ? and reason = ?", count, source.projectKey(), source.environment(), reason);
        if (updated == 0)
            jdbc.update("insert into sdk_event_rejection (project_key, environment, reason, rejected) values (?, ?, ?, ?)"
                    + " on conflict do nothing", source.projectKey(), source.environment(), reason, count);
    }

    private String refusal(SdkEvent event, Set<String> flags, Instant now) {
        if (event.occurredAt().isAfter(now.plus(futureTolerance))) return FUTURE;
        if (event.occurredAt().isBefore(now.minus(lateWindow))) return TOO_OLD;
        if (event instanceof SdkEvent.Exposure exposure && !flags.contains(exposure.flagKey())) return UNKNOWN_FLAG;
        return null;
    }

    private static Object[] row(SdkKeyGrant source, Instant receivedAt, SdkEvent event) {
        // Java 17: no pattern switch yet; the family is sealed, so these two are all there is.
        Object[] row = event instanceof SdkEvent.Exposure e
                ? new Object[] {"exposure", e.flagKey(), e.variant(), e.reason(), e.ruleId(), null, null, null}
                : custom((SdkEvent.Custom) event);
        return new Object[] {source.projectKey(), source.environment(), source.id(), row[0], row[1], row[2], row[3],
                row[4], row[5], row[6], row[7], event.contextKey(), event.occurredAt().atOffset(ZoneOffset.UTC),
                receivedAt.atOffset(ZoneOffset.UTC), idempotencyKey(event, row)};
    }

    private static Object[] custom(SdkEvent.Custom c) {
        return new Object[] {"custom", null, null, null, null, c.name(), c.value(), c.details()};
    }

    /** The SDK's id, or a hash of everything the event says: a re-sent copy gets the same key. */
    static String idempotencyKey(SdkEvent event, Object[] row) {
        if (event.id() != null) return "id:" + event.id();
        StringBuilder content = new StringBuilder();
        for (Object part : row) content.append(Objects.toString(part, "\u0000")).append('\u0001');
        content.append(Objects.toString(event.contextKey(), "\u0000")).append('\u0001').append(event.occurredAt());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return "sha:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static TrackedEvent tracked(SdkEvent event) {
        if (event instanceof SdkEvent.Exposure e)
            return new TrackedEvent(true, e.flagKey(), e.variant(), e.reason(), e.ruleId(), null, null, e.contextKey(),
                    e.occurredAt());
        SdkEvent.Custom c = (SdkEvent.Custom) event;
        return new TrackedEvent(false, null, null, null, null, c.name(), c.value(), c.contextKey(), c.occurredAt());
    }
}
