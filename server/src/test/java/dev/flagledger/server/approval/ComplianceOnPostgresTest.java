package dev.flagledger.server.approval;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class ComplianceOnPostgresTest extends ComplianceSpec {
}
