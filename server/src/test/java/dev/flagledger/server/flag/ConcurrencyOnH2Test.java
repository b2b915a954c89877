package dev.flagledger.server.flag;

import dev.flagledger.server.support.OnH2;

@OnH2
class ConcurrencyOnH2Test extends ConcurrencySpec {
}
