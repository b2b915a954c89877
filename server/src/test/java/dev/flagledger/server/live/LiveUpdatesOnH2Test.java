package dev.flagledger.server.live;

import dev.flagledger.server.support.OnH2;

@OnH2
class LiveUpdatesOnH2Test extends LiveUpdatesSpec {
}
