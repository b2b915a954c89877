package dev.flagledger.graphql.maintenance;

import dev.flagledger.projections.maintenance.ReadModelMaintenance;
import dev.flagledger.projections.maintenance.ReadModelStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** Read-model operations for administrators: status and rebuild. */
@Controller
public class ReadModelController {
    private static final Logger log = LoggerFactory.getLogger(ReadModelController.class);
    private final ReadModelMaintenance maintenance;

    public ReadModelController(ReadModelMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    record RebuildReadModelInput(String name, String reason) {
    }

    @QueryMapping
    public List<ReadModelStatus> readModels() {
        return maintenance.statuses();
    }

    @MutationMapping
    public Map<String, ReadModelStatus> rebuildReadModel(@Argument RebuildReadModelInput input, Authentication actor) {
        // Not an event: a rebuild changes no fact, only a disposable view of the facts.
        log.info("Read model {} rebuild requested by {} ({})", input.name(), actor.getName(), input.reason());
        return Map.of("readModel", maintenance.rebuild(input.name()));
    }
}
