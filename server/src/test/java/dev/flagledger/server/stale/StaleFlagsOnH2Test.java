package dev.flagledger.server.stale;

import dev.flagledger.server.support.OnH2;

@OnH2
class StaleFlagsOnH2Test extends StaleFlagsSpec {
}
