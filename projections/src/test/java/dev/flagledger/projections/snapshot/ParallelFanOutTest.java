package dev.flagledger.projections.snapshot;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelFanOutTest {

    @Test
    void every_listener_gets_every_change_in_order_never_two_at_once_and_slices_run_on_several_threads() {
        try (ParallelFanOut fanOut = new ParallelFanOut(4)) {
            int listeners = 1_000;
            List<List<Integer>> received = new ArrayList<>();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            AtomicBoolean overlapped = new AtomicBoolean();
            Object[] targets = new Object[listeners];
            for (int i = 0; i < listeners; i++) {
                List<Integer> mine = Collections.synchronizedList(new ArrayList<>());
                received.add(mine);
                AtomicBoolean busy = new AtomicBoolean();
                targets[i] = (Consumer<Integer>) change -> {
                    if (!busy.compareAndSet(false, true)) overlapped.set(true);
                    threads.add(Thread.currentThread().getName());
                    mine.add(change);
                    busy.set(false);
                };
            }
            List<Integer> expected = new ArrayList<>();
            for (int change = 0; change < 200; change += 2) {
                fanOut.deliver(List.of(change, change + 1), targets);
                expected.add(change);
                expected.add(change + 1);
            }

            assertThat(received).allSatisfy(mine -> assertThat(mine).containsExactlyElementsOf(expected));
            assertThat(overlapped).isFalse();
            assertThat(threads).contains(Thread.currentThread().getName()).hasSize(4);
        }
    }

    @Test
    void a_few_listeners_are_served_by_the_calling_thread_alone() {
        try (ParallelFanOut fanOut = new ParallelFanOut(4)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            Object[] targets = new Object[ParallelFanOut.MIN_SLICE * 2 - 1];
            java.util.Arrays.fill(targets, (Consumer<String>) change -> threads.add(Thread.currentThread().getName()));
            fanOut.deliver(List.of("x"), targets);
            assertThat(threads).containsExactly(Thread.currentThread().getName());
        }
    }

    @Test
    void a_failing_listener_does_not_keep_the_others_from_the_change_and_its_failure_is_thrown() {
        try (ParallelFanOut fanOut = new ParallelFanOut(2)) {
            Set<Integer> reached = ConcurrentHashMap.newKeySet();
            Object[] targets = new Object[1_000];
            for (int i = 0; i < targets.length; i++) {
                int id = i;
                targets[i] = (Consumer<String>) change -> {
                    if (id == 700) throw new IllegalStateException("listener 700 broke");
                    reached.add(id);
                };
            }
            assertThatThrownBy(() -> fanOut.deliver(List.of("x"), targets)).hasMessage("listener 700 broke");
            assertThat(reached).hasSize(999);
        }
    }
}
