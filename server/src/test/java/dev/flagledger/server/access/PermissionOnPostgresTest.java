package dev.flagledger.server.access;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class PermissionOnPostgresTest extends PermissionSpec {
}
