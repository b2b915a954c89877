package dev.flagledger.server.audit;

import dev.flagledger.server.support.OnPostgres;
import org.springframework.test.context.TestPropertySource;

/** Its own application context, so its own database: the long histories would slow every other spec. */
@OnPostgres
@TestPropertySource(properties = "flagledger.test.context=time-travel-checkpoints")
class TimeTravelCheckpointOnPostgresTest extends TimeTravelCheckpointSpec {
}
