package dev.flagledger.server.token;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class ApiTokenOnPostgresTest extends ApiTokenSpec {
}
