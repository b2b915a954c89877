package dev.flagledger.server.audit;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class TimeTravelCheckpointOnPostgresTest extends TimeTravelCheckpointSpec {
}
