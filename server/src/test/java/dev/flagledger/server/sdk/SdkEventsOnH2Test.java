package dev.flagledger.server.sdk;

import dev.flagledger.server.support.OnH2;

@OnH2
class SdkEventsOnH2Test extends SdkEventsSpec {
}
