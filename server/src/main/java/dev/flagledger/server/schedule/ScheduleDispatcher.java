package dev.flagledger.server.schedule;

import dev.flagledger.domain.flag.ApplyScheduledFlagChange;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.DomainRejection;
import dev.flagledger.graphql.approval.ChangeRequestDesk;
import dev.flagledger.projections.approval.ChangeRequestQueries;
import dev.flagledger.projections.schedule.DueSchedule;
import dev.flagledger.projections.schedule.ScheduleQueries;
import dev.flagledger.projections.schedule.ScheduleSignal;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Sends each scheduled change as a command when it is due. One thread sleeps until the earliest
 * pending due time, read from the shared timers table; the timers projection wakes it when a
 * schedule is added or resolved, and a safety poll covers schedules another instance's projection
 * recorded. At start it first sweeps everything already overdue. Several instances may send the same
 * change: the Flag aggregate applies it once (docs/scheduling.md).
 */
@Component
public class ScheduleDispatcher {
    /** Ceiling on any sleep: how soon a schedule recorded by another instance is noticed at worst. */
    static final Duration SAFETY_POLL = Duration.ofSeconds(5);
    /** A change sent but still pending in the read model is sent again only after this long. */
    static final Duration RESEND_AFTER = Duration.ofSeconds(2);
    private static final int BATCH = 100;
    private static final String CHANGE_REQUEST = "change-request:";
    private static final Logger log = LoggerFactory.getLogger(ScheduleDispatcher.class);
    private static final MetaData SCHEDULER = MetaData.with(ChangeMetadata.ACTOR_SUBJECT, "system:scheduler")
            .and(ChangeMetadata.ACTOR_NAME, "Scheduler")
            .and(ChangeMetadata.ACTOR_AUTHENTICATION, "system")
            .and(ChangeMetadata.ORIGIN, ChangeMetadata.ORIGIN_SCHEDULER);

    private final ScheduleQueries timers;
    private final ChangeRequestQueries changeRequests;
    private final ChangeRequestDesk desk;
    private final ScheduleSignal signal;
    private final CommandGateway commands;
    private final Clock clock;
    private final Object monitor = new Object();
    private final Runnable rearm = this::rearm;
    /** Schedules this instance sent and when, until the read model shows them resolved. */
    private final Map<String, Instant> sent = new HashMap<>();
    private boolean rearmed;
    private volatile boolean running;
    private Thread thread;

    public ScheduleDispatcher(ScheduleQueries timers, ScheduleSignal signal, CommandGateway commands, Clock clock,
                              ChangeRequestQueries changeRequests, @Lazy ChangeRequestDesk desk) {
        this.timers = timers;
        this.changeRequests = changeRequests;
        this.desk = desk;
        this.signal = signal;
        this.commands = commands;
        this.clock = clock;
    }

    /** Starts once the whole application, Axon included, is up: the first pass is the startup sweep. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (running) return;
        running = true;
        signal.subscribe(rearm);
        thread = new Thread(this::run, "schedule-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops before Axon and the database go away (ContextClosedEvent precedes the lifecycle stop). */
    @EventListener(ContextClosedEvent.class)
    public synchronized void stop() {
        if (!running) return;
        running = false;
        signal.unsubscribe(rearm);
        rearm();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rearm() {
        synchronized (monitor) {
            rearmed = true;
            monitor.notifyAll();
        }
    }

    private void run() {
        while (running) {
            Instant wakeAt;
            try {
                wakeAt = dispatchDue();
            } catch (RuntimeException failure) {
                // The database may be briefly unreachable; try again at the next safety poll.
                log.warn("scheduled changes could not be read; retrying in {}", SAFETY_POLL, failure);
                wakeAt = clock.instant().plus(SAFETY_POLL);
            }
            sleepUntil(wakeAt);
        }
    }

    /** Sends every due change not sent lately and answers when the next one is due (or the safety poll). */
    Instant dispatchDue() {
        Instant now = clock.instant();
        Instant wakeAt = now.plus(SAFETY_POLL);
        List<DueSchedule> pending = new java.util.ArrayList<>(timers.earliestPending(BATCH));
        // Approved change requests with an apply time are timers too (docs/approvals.md); their
        // ids never collide with schedule ids (prefix), and both lists are merged by due time.
        changeRequests.earliestDue(BATCH).forEach(due -> pending.add(new DueSchedule(null,
                CHANGE_REQUEST + due.changeRequestId(), due.applyAt(), null)));
        pending.sort(java.util.Comparator.comparing(DueSchedule::dueAt));
        forgetResolved(pending);
        for (DueSchedule schedule : pending) {
            if (!running) break;
            if (schedule.dueAt().isAfter(now)) {
                if (schedule.dueAt().isBefore(wakeAt)) wakeAt = schedule.dueAt();
                break; // ordered by due time: the rest are later still
            }
            Instant lastSent = sent.get(schedule.scheduleId());
            if (lastSent != null && now.isBefore(lastSent.plus(RESEND_AFTER))) {
                Instant retry = lastSent.plus(RESEND_AFTER);
                if (retry.isBefore(wakeAt)) wakeAt = retry;
                continue;
            }
            send(schedule);
            now = clock.instant();
            sent.put(schedule.scheduleId(), now);
            if (now.plus(RESEND_AFTER).isBefore(wakeAt)) wakeAt = now.plus(RESEND_AFTER);
        }
        return wakeAt;
    }

    private void forgetResolved(List<DueSchedule> pending) {
        Iterator<String> ids = sent.keySet().iterator();
        while (ids.hasNext()) {
            String id = ids.next();
            if (pending.stream().noneMatch(schedule -> schedule.scheduleId().equals(id))) ids.remove();
        }
    }

    private void send(DueSchedule schedule) {
        if (schedule.scheduleId().startsWith(CHANGE_REQUEST)) {
            applyChangeRequest(schedule.scheduleId().substring(CHANGE_REQUEST.length()));
            return;
        }
        MetaData metadata = SCHEDULER.and(ChangeMetadata.CORRELATION_ID, "schedule:" + schedule.scheduleId());
        if (schedule.reason() != null) metadata = metadata.and(ChangeMetadata.REASON, schedule.reason());
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new ApplyScheduledFlagChange(schedule.flagId(), schedule.scheduleId())).andMetaData(metadata));
            // Also when another instance applied it first: the command is then a no-op.
            log.info("sent scheduled change {} of flag {} due at {}", schedule.scheduleId(), schedule.flagId(),
                    schedule.dueAt());
        } catch (DomainRejection rejected) {
            log.warn("scheduled change {} was refused: {}", schedule.scheduleId(), rejected.getMessage());
        } catch (RuntimeException failure) {
            // Most often another instance appended to the flag first (a concurrency failure): the
            // aggregate, re-read on the next attempt, then finds the change applied and does nothing.
            log.info("scheduled change {} not applied by this instance ({}); it is retried if still pending",
                    schedule.scheduleId(), failure.toString());
        }
    }

    private void applyChangeRequest(String id) {
        try {
            if (desk.applyIfDue(id, SCHEDULER.and(ChangeMetadata.CORRELATION_ID, "change-request:" + id)))
                log.info("applied change request {} at its time", id);
        } catch (RuntimeException failure) {
            // Recorded on the request itself (FAILED) when its commands were refused; see docs/approvals.md.
            log.info("change request {} not applied at its time: {}", id, failure.toString());
        }
    }

    private void sleepUntil(Instant wakeAt) {
        synchronized (monitor) {
            while (running && !rearmed) {
                long millis = Duration.between(clock.instant(), wakeAt).toMillis();
                if (millis <= 0) break;
                try {
                    monitor.wait(millis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            rearmed = false;
        }
    }
}
