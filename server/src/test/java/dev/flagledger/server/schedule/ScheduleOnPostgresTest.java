package dev.flagledger.server.schedule;

import dev.flagledger.server.support.OnPostgres;

@OnPostgres
class ScheduleOnPostgresTest extends ScheduleSpec {
}
