package dev.flagledger.server.experiment;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class ExperimentApprovalOnPostgresTest extends ExperimentApprovalSpec {
}
