package dev.flagledger.server.eventstore;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class FlagSnapshotOnPostgresTest extends FlagSnapshotSpec {
}
