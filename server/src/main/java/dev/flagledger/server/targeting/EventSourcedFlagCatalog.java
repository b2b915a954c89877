package dev.flagledger.server.targeting;

import dev.flagledger.domain.flag.Flag;
import dev.flagledger.domain.flag.FlagCatalog;
import dev.flagledger.domain.flag.FlagFacts;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Finds a flag by key through the key registry (written in the same transaction as the flag's
 * creation) and loads it from its event stream: consistent, unlike the asynchronous read model.
 */
@Component
public class EventSourcedFlagCatalog implements FlagCatalog {
    private final Configuration axon;
    private final JdbcTemplate jdbc;

    public EventSourcedFlagCatalog(@Lazy Configuration axon, JdbcTemplate jdbc) {
        this.axon = axon;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<FlagFacts> find(String projectKey, String flagKey) {
        return RegistryLookup.owner(jdbc, "flag:" + projectKey, flagKey).flatMap(flagId -> {
            try {
                return Optional.of(axon.repository(Flag.class).load(flagId).invoke(Flag::facts));
            } catch (AggregateNotFoundException absent) {
                return Optional.empty();
            }
        });
    }
}
