package dev.flagledger.server.live;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class LiveUpdatesOnPostgresTest extends LiveUpdatesSpec {
}
