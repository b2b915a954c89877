package dev.flagledger.sdk.ofrep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.evaluation.EvaluationConfig;

import java.time.Duration;

/**
 * Bulk OFREP answers, serialised once per (environment snapshot, canonical context) and kept in a
 * bounded cache, on the server and on the relay alike. A bulk answer depends on nothing else, so a browser fleet whose users share a
 * context (anonymous visitors, one plan, one country) is served bytes instead of N evaluations and a
 * JSON write per request. A new snapshot has a new position, so its answers never meet old entries;
 * those age out by weight. Measured in docs/BENCHMARKS.md (hit and miss workloads).
 */
public final class BulkEvaluations {
    /** One serialised answer and its strong ETag. */
    public record Answer(String etag, byte[] json) {
    }

    private record Key(String snapshotEtag, String canonicalContext) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Cache<Key, Answer> answers;

    public BulkEvaluations(long maxBytes) {
        this.answers = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Answer answer) -> answer.json().length + key.canonicalContext().length() * 2 + 128)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    /**
     * @param snapshotEtag     the config ETag of the environment's snapshot: it changes with every change
     * @param canonicalContext {@link OfrepContexts#canonical} of {@code context}
     */
    public Answer answer(String snapshotEtag, EvaluationConfig config, EvaluationContext context, String canonicalContext) {
        return answers.get(new Key(snapshotEtag, canonicalContext), key -> evaluate(config, context, key));
    }

    long size() {
        return answers.estimatedSize();
    }

    /** Runs pending evictions now (Caffeine does them asynchronously); for tests. */
    void cleanUp() {
        answers.cleanUp();
    }

    private static Answer evaluate(EvaluationConfig config, EvaluationContext context, Key key) {
        try {
            byte[] json = JSON.writeValueAsBytes(OfrepAnswers.bulk(config, context));
            return new Answer(OfrepAnswers.bulkEtag(key.snapshotEtag(), key.canonicalContext()), json);
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("a bulk evaluation could not be written as JSON", unwritable);
        }
    }
}
