package dev.flagledger.server.token;

import dev.flagledger.server.support.OnH2;

@OnH2
class ApiTokenOnH2Test extends ApiTokenSpec {
}
