package dev.flagledger.eventstore.kurrent;

import io.kurrent.dbclient.Position;
import org.axonframework.eventhandling.TrackingToken;

import java.util.OptionalLong;

/**
 * Where a tracking reader of {@code $all} stands: the commit and prepare positions of the last event
 * it has seen. KurrentDB's log gives every committed event a unique, totally ordered position, so
 * unlike the JDBC store's gap-aware token there are no gaps to remember: a token covers every event
 * at or before its position, and two tokens always compare.
 *
 * <p>{@link #position()} is the commit position: the SSE stream's event ids and the audit trail's
 * positions stay one increasing number per event, as on the JDBC store.
 */
public record KurrentTrackingToken(long commitPosition, long preparePosition) implements TrackingToken,
        Comparable<KurrentTrackingToken> {

    public KurrentTrackingToken {
        if (commitPosition < 0 || preparePosition < 0)
            throw new IllegalArgumentException("positions are never negative: " + commitPosition + "/" + preparePosition);
    }

    public static KurrentTrackingToken of(Position position) {
        return new KurrentTrackingToken(position.getCommitUnsigned(), position.getPrepareUnsigned());
    }

    public Position toPosition() {
        return new Position(commitPosition, preparePosition);
    }

    @Override
    public int compareTo(KurrentTrackingToken other) {
        int byCommit = Long.compare(commitPosition, other.commitPosition);
        return byCommit != 0 ? byCommit : Long.compare(preparePosition, other.preparePosition);
    }

    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        KurrentTrackingToken that = comparable(other);
        return compareTo(that) <= 0 ? this : that;
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        KurrentTrackingToken that = comparable(other);
        return compareTo(that) >= 0 ? this : that;
    }

    /** A token covers another when every event the other has seen, this one has seen too. No token has seen nothing. */
    @Override
    public boolean covers(TrackingToken other) {
        if (other == null) return true;
        return compareTo(comparable(other)) >= 0;
    }

    @Override
    public OptionalLong position() {
        return OptionalLong.of(commitPosition);
    }

    private static KurrentTrackingToken comparable(TrackingToken other) {
        if (other instanceof KurrentTrackingToken token) return token;
        throw new IllegalArgumentException("a KurrentDB token compares only with another, not with " + other);
    }
}
