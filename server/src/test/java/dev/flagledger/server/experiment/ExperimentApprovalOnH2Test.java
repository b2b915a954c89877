package dev.flagledger.server.experiment;

import dev.flagledger.server.support.OnH2;

@OnH2
class ExperimentApprovalOnH2Test extends ExperimentApprovalSpec {
}
