package dev.flagledger.server.approval;

import dev.flagledger.server.support.OnH2;

@OnH2
class PromotionOnH2Test extends PromotionSpec {
}
