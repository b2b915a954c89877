package dev.flagledger.server.flag;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class BadInputOnPostgresTest extends BadInputSpec {
}
