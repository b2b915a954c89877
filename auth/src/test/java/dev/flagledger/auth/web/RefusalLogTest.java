package dev.flagledger.auth.web;

import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalLogTest {
    @Test
    void one_line_per_interval_counting_the_refusals_in_between() {
        List<String> lines = new ArrayList<>();
        AtomicLong now = new AtomicLong(-5);
        RefusalLog log = new RefusalLog(lines::add, Duration.ofNanos(10), now::get);
        SQLTransientConnectionException away = new SQLTransientConnectionException("disk full", "53100");
        log.refused("toggleFlag", away);
        for (int i = 0; i < 3; i++) log.refused("createFlag", away);
        assertThat(lines).containsExactly("toggleFlag refused: the store is unavailable (" + away + ")");
        now.set(5);
        log.refused("toggleFlag", away);
        now.set(6);
        log.refused("toggleFlag", away);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).endsWith("; 3 more refused as unavailable since the last line");
        now.set(20);
        log.refused("toggleFlag", away);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).endsWith("; 1 more refused as unavailable since the last line");
    }
}
