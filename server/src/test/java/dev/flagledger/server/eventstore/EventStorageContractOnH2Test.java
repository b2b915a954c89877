package dev.flagledger.server.eventstore;

import dev.flagledger.server.support.OnH2;

@OnH2
class EventStorageContractOnH2Test extends SpringEventStorageContract {
}
