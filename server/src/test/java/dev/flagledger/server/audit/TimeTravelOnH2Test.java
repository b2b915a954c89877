package dev.flagledger.server.audit;

import dev.flagledger.server.support.OnH2;

@OnH2
class TimeTravelOnH2Test extends TimeTravelSpec {
}
