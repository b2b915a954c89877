package dev.flagledger.server.eventstore;

import dev.flagledger.server.support.OnH2;

@OnH2
class FlagSnapshotOnH2Test extends FlagSnapshotSpec {
}
