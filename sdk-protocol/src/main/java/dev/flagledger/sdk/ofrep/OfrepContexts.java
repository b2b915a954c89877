package dev.flagledger.sdk.ofrep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flagledger.evaluation.EvaluationContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads an OFREP request body into an evaluation context: bounded in size and nesting, and enriched
 * with the caller's country from edge headers when the context does not say (CONVENTIONS §3). The
 * server and the relay both read contexts here, so both answer (and tag) a body alike.
 */
public final class OfrepContexts {
    /** Bytes of request body; a context is a few attributes, not a document. */
    public static final int MAX_CONTEXT_BYTES = 32 * 1024;
    /** Edge headers that may name the caller's country, first match wins; they also vary a cached answer. */
    public static final List<String> COUNTRY_HEADERS = List.of("CF-IPCountry", "CloudFront-Viewer-Country",
            "X-Vercel-IP-Country", "X-Country-Code");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private OfrepContexts() {
    }

    /** Why a body was refused: OFREP answers 400 with errorCode {@code INVALID_CONTEXT} or {@code PARSE_ERROR}. */
    public static final class BadRequest extends Exception {
        private final String errorCode;

        BadRequest(String errorCode, String message) {
            super(message, null, false, false);
            this.errorCode = errorCode;
        }

        public String errorCode() {
            return errorCode;
        }
    }

    /**
     * @param body   the request body, possibly empty or null
     * @param header the request's header of that name, or null
     */
    public static EvaluationContext read(byte[] body, UnaryOperator<String> header) throws BadRequest {
        if (body != null && body.length > MAX_CONTEXT_BYTES)
            throw new BadRequest("INVALID_CONTEXT", "the request body exceeds " + MAX_CONTEXT_BYTES + " bytes");
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (body != null && body.length > 0) {
            Object parsed;
            try {
                parsed = JSON.readValue(body, Object.class);
            } catch (JsonProcessingException malformed) {
                throw new BadRequest("PARSE_ERROR", "the request body is not valid JSON");
            } catch (java.io.IOException unreadable) {
                throw new BadRequest("PARSE_ERROR", "the request body could not be read");
            }
            if (!(parsed instanceof Map<?, ?> root))
                throw new BadRequest("INVALID_CONTEXT", "the request body must be a JSON object");
            Object context = root.get("context");
            if (context != null && !(context instanceof Map<?, ?>))
                throw new BadRequest("INVALID_CONTEXT", "context must be a JSON object");
            if (context instanceof Map<?, ?> map) map.forEach((key, value) -> attributes.put(String.valueOf(key), value));
        }
        if (attributes.get("country") == null) {
            for (String name : COUNTRY_HEADERS) {
                String country = header.apply(name);
                // Cloudflare sends XX for unknown and T1 for Tor; neither is a country.
                if (country != null && country.matches("[A-Za-z]{2}") && !country.equalsIgnoreCase("XX")) {
                    attributes.put("country", country.toUpperCase(Locale.ROOT));
                    break;
                }
            }
        }
        return new EvaluationContext(attributes);
    }

    /** A canonical text of the context (JSON, object keys sorted), for the bulk ETag and answer cache. */
    public static String canonical(EvaluationContext context) {
        try {
            return JSON.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(context.attributes());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
