package dev.flagledger.server.sdk;

import dev.flagledger.server.support.OnH2;

@OnH2
class SdkApiOnH2Test extends SdkApiSpec {
}
