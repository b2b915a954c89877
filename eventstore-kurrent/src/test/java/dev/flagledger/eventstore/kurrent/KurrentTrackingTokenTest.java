package dev.flagledger.eventstore.kurrent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kurrent.dbclient.Position;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Log positions as Axon tracking tokens: order, coverage, bounds, and the round trip through the token store. */
class KurrentTrackingTokenTest {
    private final KurrentTrackingToken early = new KurrentTrackingToken(100, 90);
    private final KurrentTrackingToken samePrepareLater = new KurrentTrackingToken(100, 95);
    private final KurrentTrackingToken late = new KurrentTrackingToken(250, 250);

    @Test
    void tokens_order_by_commit_position_then_prepare_position_like_the_log() {
        List<KurrentTrackingToken> tokens = new ArrayList<>(List.of(late, samePrepareLater, early));
        tokens.sort(null);
        assertThat(tokens).containsExactly(early, samePrepareLater, late);

        List<Position> positions = new ArrayList<>(List.of(late.toPosition(), samePrepareLater.toPosition(), early.toPosition()));
        positions.sort(null);
        assertThat(positions.stream().map(KurrentTrackingToken::of).toList()).containsExactly(early, samePrepareLater, late);
    }

    @Test
    void a_position_round_trips_through_a_token() {
        Position position = new Position(123_456_789_012L, 123_456_789_000L);

        assertThat(KurrentTrackingToken.of(position).toPosition()).isEqualTo(position);
        assertThat(KurrentTrackingToken.of(position).position()).hasValue(123_456_789_012L);
    }

    @Test
    void a_token_covers_itself_every_earlier_token_and_the_empty_start_but_no_later_token() {
        assertThat(late.covers(early)).isTrue();
        assertThat(late.covers(late)).isTrue();
        assertThat(late.covers(null)).isTrue();
        assertThat(samePrepareLater.covers(early)).isTrue();
        assertThat(early.covers(samePrepareLater)).isFalse();
        assertThat(early.covers(late)).isFalse();
    }

    @Test
    void lower_and_upper_bounds_are_the_earlier_and_the_later_token_whichever_asks() {
        assertThat(early.lowerBound(late)).isEqualTo(early);
        assertThat(late.lowerBound(early)).isEqualTo(early);
        assertThat(early.upperBound(late)).isEqualTo(late);
        assertThat(late.upperBound(early)).isEqualTo(late);
        assertThat(late.upperBound(late)).isEqualTo(late);
        assertThat(early.upperBound(samePrepareLater)).isEqualTo(samePrepareLater);
    }

    @Test
    void same_position_is_equality_of_both_positions() {
        assertThat(early.samePositionAs(new KurrentTrackingToken(100, 90))).isTrue();
        assertThat(early.samePositionAs(samePrepareLater)).isFalse();
    }

    @Test
    void a_token_of_another_store_does_not_compare() {
        assertThatThrownBy(() -> early.covers(new GlobalSequenceTrackingToken(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> early.upperBound(new GlobalSequenceTrackingToken(5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negative_positions_are_rejected() {
        assertThatThrownBy(() -> new KurrentTrackingToken(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_token_and_a_replay_token_around_it_survive_the_token_store_serializer() {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
        TrackingToken replay = ReplayToken.createReplayToken(late, early);

        SerializedObject<byte[]> stored = serializer.serialize(late, byte[].class);
        SerializedObject<byte[]> storedReplay = serializer.serialize(replay, byte[].class);

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(late);
        assertThat((Object) serializer.deserialize(storedReplay)).isEqualTo(replay);
    }
}
