package dev.flagledger.server.experiment;

import dev.flagledger.server.support.OnH2;

@OnH2
class ExperimentOnH2Test extends ExperimentSpec {
}
