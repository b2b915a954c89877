package dev.flagledger.server.audit;

import dev.flagledger.server.support.OnH2;
import org.springframework.test.context.TestPropertySource;

/** Its own in-memory database: the long histories would slow every other spec's read models. */
@OnH2
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:flagledger-checkpoints;DB_CLOSE_DELAY=-1;"
        + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000")
class TimeTravelCheckpointOnH2Test extends TimeTravelCheckpointSpec {
}
