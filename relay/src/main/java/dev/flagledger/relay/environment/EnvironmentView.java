package dev.flagledger.relay.environment;

import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.sdk.ofrep.OfrepAnswers;

import java.time.Instant;

/**
 * One environment as the relay serves it at one store position: compiled for OFREP, and the config
 * body (for {@code /sdk/v1/config}) inside the ready-made SSE {@code put} frame, so neither is built
 * per request and the two are one array. Immutable; replaced whole on every change.
 *
 * @param putFrame    {@code id:<position>\nevent:put\ndata:<config>\n\n}
 * @param source      where this data came from: the upstream stream, or the disk copy at start
 * @param asOf        when this data was known to be current (received, or saved before a restart)
 */
public record EnvironmentView(EnvironmentId id, long position, EvaluationConfig config, byte[] putFrame,
                              int bodyOffset, int bodyLength, int flags, int segments, Source source, Instant asOf) {

    public enum Source { UPSTREAM, DISK }

    public String etag() {
        return OfrepAnswers.configEtag(id.projectKey(), id.environment(), position);
    }
}
