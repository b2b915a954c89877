package dev.flagledger.server.audit;

import dev.flagledger.server.support.OnH2;

@OnH2
class TimeTravelCheckpointOnH2Test extends TimeTravelCheckpointSpec {
}
