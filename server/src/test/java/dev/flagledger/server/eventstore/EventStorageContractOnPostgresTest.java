package dev.flagledger.server.eventstore;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class EventStorageContractOnPostgresTest extends SpringEventStorageContract {
}
