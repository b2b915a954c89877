package dev.flagledger.server.readmodel;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class RebuildOnPostgresTest extends RebuildSpec {
}
