package dev.flagledger.server.targeting;

import dev.flagledger.server.support.OnH2;

@OnH2
class DebuggerOnH2Test extends DebuggerSpec {
}
