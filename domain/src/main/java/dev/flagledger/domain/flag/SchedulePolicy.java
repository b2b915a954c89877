package dev.flagledger.domain.flag;

import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.Text;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Bounds on scheduled changes. A schedule is a promise kept by a timer, so it must be in the
 * future, not so far out that nobody remembers it, and a flag must not accumulate them without end.
 */
final class SchedulePolicy {
    static final Duration HORIZON = Duration.ofDays(366);
    static final int MAX_PENDING = 100;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private SchedulePolicy() {
    }

    static String scheduleId(String id) {
        return Text.matching("schedule id", id, ID);
    }

    static void checkDue(Instant at, Instant now) {
        if (at == null) throw new InvalidInput("at is required");
        if (!at.isAfter(now)) throw new InvalidInput("at must be in the future, got " + at + " (now " + now + ")");
        if (at.isAfter(now.plus(HORIZON)))
            throw new InvalidInput("at must be within " + HORIZON.toDays() + " days, got " + at);
    }

    static void checkRoom(int pending) {
        if (pending >= MAX_PENDING)
            throw new InvalidInput("a flag has at most " + MAX_PENDING + " pending scheduled changes");
    }
}
