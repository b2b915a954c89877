package dev.flagledger.server.access;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class TokenRefusalOnPostgresTest extends TokenRefusalSpec {
}
