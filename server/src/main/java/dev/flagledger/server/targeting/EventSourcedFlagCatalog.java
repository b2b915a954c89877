package dev.flagledger.server.targeting;

import dev.flagledger.domain.flag.Flag;
import dev.flagledger.domain.flag.FlagCatalog;
import dev.flagledger.domain.flag.FlagFacts;
import dev.flagledger.server.registry.AggregateFacts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Finds a flag by key through the key registry (written in the same transaction as the flag's
 * creation) and loads it from its event stream: consistent, unlike the asynchronous read model.
 */
@Component
public class EventSourcedFlagCatalog implements FlagCatalog {
    private final AggregateFacts aggregates;
    private final JdbcTemplate jdbc;

    public EventSourcedFlagCatalog(AggregateFacts aggregates, JdbcTemplate jdbc) {
        this.aggregates = aggregates;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<FlagFacts> find(String projectKey, String flagKey) {
        return RegistryLookup.owner(jdbc, "flag:" + projectKey, flagKey)
                .flatMap(id -> aggregates.of(Flag.class, id, Flag::facts));
    }
}
