package dev.flagledger.server.flag;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class FlagLifecycleOnPostgresTest extends FlagLifecycleSpec {
}
