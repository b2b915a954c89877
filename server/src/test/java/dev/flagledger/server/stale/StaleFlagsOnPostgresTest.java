package dev.flagledger.server.stale;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class StaleFlagsOnPostgresTest extends StaleFlagsSpec {
}
