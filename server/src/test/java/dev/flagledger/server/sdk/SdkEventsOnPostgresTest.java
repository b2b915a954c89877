package dev.flagledger.server.sdk;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class SdkEventsOnPostgresTest extends SdkEventsSpec {
}
