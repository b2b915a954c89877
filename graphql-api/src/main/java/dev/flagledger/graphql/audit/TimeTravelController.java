package dev.flagledger.graphql.audit;

import dev.flagledger.projections.audit.EnvironmentAsOf;
import dev.flagledger.projections.audit.TimeTravel;
import dev.flagledger.projections.flag.FlagView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.time.OffsetDateTime;

/** "What did this look like last Tuesday at 10:00?", answered by replaying the store. */
@Controller
public class TimeTravelController {
    private final TimeTravel timeTravel;

    public TimeTravelController(TimeTravel timeTravel) {
        this.timeTravel = timeTravel;
    }

    @QueryMapping
    public FlagView flagAsOf(@Argument String projectKey, @Argument String key, @Argument OffsetDateTime at) {
        return timeTravel.flagAsOf(projectKey, key, at.toInstant());
    }

    @QueryMapping
    public EnvironmentAsOf environmentAsOf(@Argument String projectKey, @Argument String environment,
                                           @Argument OffsetDateTime at) {
        return timeTravel.environmentAsOf(projectKey, environment, at.toInstant());
    }
}
