package dev.flagledger.server.access;

import dev.flagledger.server.support.OnH2;

@OnH2
class TokenRefusalOnH2Test extends TokenRefusalSpec {
}
