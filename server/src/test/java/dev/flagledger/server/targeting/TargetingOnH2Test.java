package dev.flagledger.server.targeting;

import dev.flagledger.server.support.OnH2;

@OnH2
class TargetingOnH2Test extends TargetingSpec {
}
