package dev.flagledger.server.approval;

import dev.flagledger.server.support.OnH2;

@OnH2
class ComplianceOnH2Test extends ComplianceSpec {
}
