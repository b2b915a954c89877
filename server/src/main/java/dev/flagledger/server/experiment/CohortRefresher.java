package dev.flagledger.server.experiment;

import dev.flagledger.domain.flag.TargetingLimits;
import dev.flagledger.domain.segment.SegmentDefinition;
import dev.flagledger.domain.segment.UpdateSegment;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.privacy.subject.PersonalData;
import dev.flagledger.projections.experiment.CohortQueries;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * Keeps each behavioural cohort's included keys equal to the units that now show its behaviour, by an
 * ordinary {@link UpdateSegment} command (so every refresh that changes membership is an audited segment
 * event, and SDKs receive it like any segment change). A cohort holds at most the segment key limit
 * (10 000 keys with its excluded ones); beyond it the first keys in order are kept and the reason says so.
 * The read model holds the keys as the events do, sealed (docs/privacy.md): they are opened before they are
 * compared with the units, or every refresh would record a change.
 */
@Component
public class CohortRefresher {
    private static final Logger log = LoggerFactory.getLogger(CohortRefresher.class);
    static final MetaData COHORTS = MetaData.with(ChangeMetadata.ACTOR_SUBJECT, "system:cohorts")
            .and(ChangeMetadata.ACTOR_NAME, "Cohort refresh")
            .and(ChangeMetadata.ACTOR_AUTHENTICATION, "system")
            .and(ChangeMetadata.ORIGIN, ChangeMetadata.ORIGIN_SCHEDULER);
    private final CohortQueries cohorts;
    private final CommandGateway commands;
    private final Clock clock;
    private final PersonalData personal;

    public CohortRefresher(CohortQueries cohorts, CommandGateway commands, Clock clock, PersonalData personal) {
        this.cohorts = cohorts;
        this.commands = commands;
        this.clock = clock;
        this.personal = personal;
    }

    /** Refreshes every cohort; answers how many changed. */
    public int refreshAll() {
        int changed = 0;
        for (CohortQueries.Cohort cohort : cohorts.cohorts()) {
            try {
                if (refresh(cohort)) changed++;
            } catch (RuntimeException failure) {
                log.warn("cohort {} of project {} could not be refreshed", cohort.segmentKey(), cohort.projectKey(), failure);
            }
        }
        return changed;
    }

    boolean refresh(CohortQueries.Cohort cohort) {
        SegmentDefinition definition = personal.open(cohort.definition());
        int room = TargetingLimits.MAX_KEYS - definition.excluded().size();
        List<String> members = cohorts.members(cohort.projectKey(), definition.behaviour(), clock.instant(), room + 1);
        boolean capped = members.size() > room;
        if (capped) members = members.subList(0, room);
        if (members.equals(definition.included())) return false;
        String reason = "cohort refresh: " + members.size() + " units" + (capped ? " (capped at the segment key limit)" : "");
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new UpdateSegment(cohort.segmentId(),
                new SegmentDefinition(definition.name(), definition.description(), members, definition.excluded(),
                        definition.rules(), definition.behaviour()), cohort.version()))
                .andMetaData(COHORTS.and(ChangeMetadata.REASON, reason)));
        return true;
    }
}
