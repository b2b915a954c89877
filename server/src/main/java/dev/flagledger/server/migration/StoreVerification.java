package dev.flagledger.server.migration;

import dev.flagledger.projections.audit.AuditChain;
import dev.flagledger.projections.audit.StoredEvent;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.Iterator;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Compares two stores event by event in global order and computes the audit hash chain over each
 * ({@link AuditChain#link} over {@link StoredEvent#canonicalBytes}, as the audit trail does). Global
 * positions are store-specific (a row number here, a log position in KurrentDB), so the chain here
 * numbers events by their ordinal in the global order instead; everything else is the stored event as
 * the engine returns it: identifier, aggregate, sequence, type, payload type and revision, timestamp,
 * payload and metadata bytes. Equal counts and equal final hashes mean identical streams.
 */
public final class StoreVerification {
    private final Serializer serializer;

    /** {@code serializer}: the one both engines were built with, so serialized forms are read back as stored. */
    public StoreVerification(Serializer serializer) {
        this.serializer = serializer;
    }

    public record Report(long sourceCount, long targetCount, String sourceHash, String targetHash, String firstDifference) {
        public boolean identical() {
            return firstDifference == null;
        }
    }

    public Report compare(EventStorageEngine source, EventStorageEngine target, LongConsumer progress) {
        try (Stream<? extends TrackedEventMessage<?>> left = source.readEvents(null, false);
             Stream<? extends TrackedEventMessage<?>> right = target.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> a = left.iterator();
            Iterator<? extends TrackedEventMessage<?>> b = right.iterator();
            String hashA = AuditChain.GENESIS;
            String hashB = AuditChain.GENESIS;
            long countA = 0;
            long countB = 0;
            String difference = null;
            while (a.hasNext() || b.hasNext()) {
                if (a.hasNext()) hashA = AuditChain.link(hashA, canonical(++countA, a.next()));
                if (b.hasNext()) hashB = AuditChain.link(hashB, canonical(++countB, b.next()));
                if (difference == null && (countA != countB || !hashA.equals(hashB)))
                    difference = countA != countB ? "the target ends after " + Math.min(countA, countB) + " events"
                            : "event " + countA + " in global order differs";
                if (countA % 1000 == 0) progress.accept(countA);
            }
            progress.accept(countA);
            return new Report(countA, countB, hashA, hashB, difference);
        }
    }

    private byte[] canonical(long ordinal, TrackedEventMessage<?> event) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        byte[] metadata = event.serializeMetaData(serializer, byte[].class).getData();
        String aggregateId = event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : event.getIdentifier();
        long sequence = event instanceof DomainEventMessage<?> d ? d.getSequenceNumber() : 0;
        String type = event instanceof DomainEventMessage<?> d ? d.getType() : null;
        return new StoredEvent(ordinal, event.getIdentifier(), aggregateId, sequence, type, payload.getType().getName(),
                payload.getType().getRevision(), DateTimeUtils.formatInstant(event.getTimestamp()), payload.getData(),
                metadata).canonicalBytes();
    }
}
