package dev.flagledger.server.audit;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class AuditExportOnPostgresTest extends AuditExportSpec {
}
