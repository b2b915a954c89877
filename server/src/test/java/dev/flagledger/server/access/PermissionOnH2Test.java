package dev.flagledger.server.access;

import dev.flagledger.server.support.OnH2;

@OnH2
class PermissionOnH2Test extends PermissionSpec {
}
