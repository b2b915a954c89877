package dev.flagledger.sdk.ofrep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.projections.snapshot.EnvironmentSnapshot;

import java.time.Duration;

/**
 * Bulk OFREP answers, serialised once per (environment snapshot, canonical context) and kept in a
 * bounded cache. A bulk answer depends on nothing else, so a browser fleet whose users share a
 * context (anonymous visitors, one plan, one country) is served bytes instead of N evaluations and a
 * JSON write per request. A new snapshot has a new position, so its answers never meet old entries;
 * those age out by weight. Measured in docs/BENCHMARKS.md (hit and miss workloads).
 */
final class BulkEvaluations {
    /** One serialised answer and its strong ETag. */
    record Answer(String etag, byte[] json) {
    }

    private record Key(String snapshotEtag, String canonicalContext) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Cache<Key, Answer> answers;

    BulkEvaluations(long maxBytes) {
        this.answers = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Answer answer) -> answer.json().length + key.canonicalContext().length() * 2 + 128)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    Answer answer(EnvironmentSnapshot snapshot, EvaluationContext context, String canonicalContext) {
        return answers.get(new Key(snapshot.etag(), canonicalContext), key -> evaluate(snapshot, context, key));
    }

    long size() {
        return answers.estimatedSize();
    }

    /** Runs pending evictions now (Caffeine does them asynchronously); for tests. */
    void cleanUp() {
        answers.cleanUp();
    }

    private static Answer evaluate(EnvironmentSnapshot snapshot, EvaluationContext context, Key key) {
        try {
            byte[] json = JSON.writeValueAsBytes(OfrepAnswers.bulk(snapshot.config(), context));
            return new Answer(etag(key.snapshotEtag(), key.canonicalContext()), json);
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("a bulk evaluation could not be written as JSON", unwritable);
        }
    }

    /** The answer depends on the snapshot and the context only: same both, same ETag (as on a relay). */
    static String etag(EnvironmentSnapshot snapshot, String canonicalContext) {
        return etag(snapshot.etag(), canonicalContext);
    }

    private static String etag(String snapshotEtag, String canonicalContext) {
        return OfrepAnswers.bulkEtag(snapshotEtag, canonicalContext);
    }
}
