package dev.flagledger.server.targeting;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class DebuggerOnPostgresTest extends DebuggerSpec {
}
