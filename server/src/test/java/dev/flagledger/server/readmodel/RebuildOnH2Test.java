package dev.flagledger.server.readmodel;

import dev.flagledger.server.support.OnH2;

@OnH2
class RebuildOnH2Test extends RebuildSpec {
}
