package dev.flagledger.server.schedule;

import dev.flagledger.server.support.OnH2;

@OnH2
class ScheduleOnH2Test extends ScheduleSpec {
}
