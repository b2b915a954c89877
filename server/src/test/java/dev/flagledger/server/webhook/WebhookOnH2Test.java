package dev.flagledger.server.webhook;

import dev.flagledger.server.support.OnH2;

@OnH2
class WebhookOnH2Test extends WebhookSpec {
}
