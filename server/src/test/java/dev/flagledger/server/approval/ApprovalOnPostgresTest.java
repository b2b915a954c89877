package dev.flagledger.server.approval;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class ApprovalOnPostgresTest extends ApprovalSpec {
}
