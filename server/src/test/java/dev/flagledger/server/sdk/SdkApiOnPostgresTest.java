package dev.flagledger.server.sdk;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class SdkApiOnPostgresTest extends SdkApiSpec {
}
