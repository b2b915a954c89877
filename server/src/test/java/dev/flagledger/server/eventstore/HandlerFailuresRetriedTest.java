package dev.flagledger.server.eventstore;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's processors retry a failed handler's batch instead of skipping its event (Axon's default). */
class HandlerFailuresRetriedTest {

    @Test
    void an_event_whose_handler_failed_once_is_handled_again_and_not_skipped() throws Exception {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(axon -> new InMemoryEventStorageEngine());
        new EventStoreConfiguration().handlerFailuresRetried().configureModule(configurer);
        FailsOnce readModel = new FailsOnce("first");
        configurer.eventProcessing(processing -> processing.registerEventHandler(axon -> readModel)
                .registerTrackingEventProcessor(FailsOnce.GROUP));
        Configuration axon = configurer.start();
        try {
            axon.eventBus().publish(GenericEventMessage.asEventMessage("first"), GenericEventMessage.asEventMessage("second"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (readModel.applied.size() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(readModel.applied).containsExactly("first", "second");
            assertThat(readModel.failures).isEqualTo(1);
        } finally {
            axon.shutdown();
        }
    }

    @ProcessingGroup(FailsOnce.GROUP)
    static final class FailsOnce {
        static final String GROUP = "fails-once";
        final List<String> applied = new CopyOnWriteArrayList<>();
        private final String failing;
        volatile int failures;

        FailsOnce(String failing) {
            this.failing = failing;
        }

        @EventHandler
        void on(String event) {
            if (event.equals(failing) && failures == 0) {
                failures++;
                throw new IllegalStateException("a lock timeout, say");
            }
            applied.add(event);
        }
    }
}
