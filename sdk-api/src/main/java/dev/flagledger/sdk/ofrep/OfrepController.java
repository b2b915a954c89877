package dev.flagledger.sdk.ofrep;

import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.projections.snapshot.EnvironmentSnapshot;
import dev.flagledger.projections.snapshot.EvaluationSnapshots;
import dev.flagledger.sdk.web.SdkPrincipal;
import dev.flagledger.sdk.web.SnapshotLoading;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The OpenFeature Remote Evaluation Protocol: single and bulk evaluation against the in-memory
 * snapshot of the key's own environment, and the provider configuration. The environment comes
 * only from the key, never from the request, so a key cannot read another environment. Bodies and
 * ETags come from {@link OfrepAnswers}, which the relay answers with too.
 */
@RestController
public class OfrepController {
    /** Serialised bulk answers kept at most: about 8 000 answers of 20 flags. */
    static final String BULK_CACHE_BYTES = "flagledger.sdk.ofrep.bulk-cache-bytes";
    private final EvaluationSnapshots snapshots;
    private final BulkEvaluations bulk;

    public OfrepController(EvaluationSnapshots snapshots, Environment environment) {
        this.snapshots = snapshots;
        this.bulk = new BulkEvaluations(environment.getProperty(BULK_CACHE_BYTES, Long.class, 16L * 1024 * 1024));
    }

    @PostMapping("/ofrep/v1/evaluate/flags/{key}")
    public ResponseEntity<Map<String, Object>> evaluate(@PathVariable String key,
                                                        @RequestBody(required = false) byte[] body,
                                                        HttpServletRequest request, SdkPrincipal principal) {
        EvaluationContext context;
        try {
            context = OfrepContexts.read(body, request::getHeader);
        } catch (OfrepContexts.BadRequest bad) {
            return ResponseEntity.badRequest().body(OfrepAnswers.error(key, bad.errorCode(), bad.getMessage()));
        }
        OfrepAnswers.Answer answer = OfrepAnswers.single(snapshot(principal).config(), key, context);
        return ResponseEntity.status(answer.status()).body(answer.body());
    }

    @PostMapping("/ofrep/v1/evaluate/flags")
    public ResponseEntity<?> evaluateAll(@RequestBody(required = false) byte[] body,
                                         @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch,
                                         HttpServletRequest request, SdkPrincipal principal) {
        EvaluationContext context;
        try {
            context = OfrepContexts.read(body, request::getHeader);
        } catch (OfrepContexts.BadRequest bad) {
            return ResponseEntity.badRequest().body(OfrepAnswers.badBulkRequest(bad));
        }
        EnvironmentSnapshot snapshot = snapshot(principal);
        String canonical = OfrepContexts.canonical(context);
        // A revalidation needs only the ETag: no evaluation, no cache entry.
        if (ifNoneMatch != null) {
            String etag = OfrepAnswers.bulkEtag(snapshot.etag(), canonical);
            if (etag.equals(ifNoneMatch)) return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        BulkEvaluations.Answer answer = bulk.answer(snapshot.etag(), snapshot.config(), context, canonical);
        return ResponseEntity.ok().eTag(answer.etag()).contentType(MediaType.APPLICATION_JSON).body(answer.json());
    }

    @GetMapping("/ofrep/v1/configuration")
    public Map<String, Object> configuration() {
        return OfrepAnswers.configuration();
    }

    private EnvironmentSnapshot snapshot(SdkPrincipal principal) {
        return snapshots.current(principal.grant().projectKey(), principal.grant().environment())
                .orElseThrow(SnapshotLoading::new);
    }
}
