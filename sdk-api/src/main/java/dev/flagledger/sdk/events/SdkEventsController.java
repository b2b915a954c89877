package dev.flagledger.sdk.events;

import dev.flagledger.sdk.events.SdkEvent.InvalidSdkEvent;
import dev.flagledger.sdk.web.Problems;
import dev.flagledger.sdk.web.SdkPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /sdk/v1/events}: batches of exposure and custom events from SDKs, server and client
 * keys alike (browsers send them). Bounded in bytes and events, validated whole, stored
 * append-only in the key's environment; the per-key request rate limit applies as everywhere.
 */
@RestController
public class SdkEventsController {
    static final int MAX_BODY_BYTES = SdkEventBatchReader.MAX_BODY_BYTES;
    private final SdkEventStore store;
    private final Clock clock;

    @Autowired
    public SdkEventsController(SdkEventStore store) {
        this(store, Clock.systemUTC());
    }

    SdkEventsController(SdkEventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @PostMapping("/sdk/v1/events")
    public void ingest(SdkPrincipal principal, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            Problems.write(response, 413, "Content Too Large", "an event batch is at most " + MAX_BODY_BYTES + " bytes");
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), MAX_BODY_BYTES);
        if (body == null) {
            Problems.write(response, 413, "Content Too Large", "an event batch is at most " + MAX_BODY_BYTES + " bytes");
            return;
        }
        List<SdkEvent> events;
        try {
            events = SdkEventBatchReader.read(body);
        } catch (InvalidSdkEvent invalid) {
            Problems.write(response, 400, "Bad Request", invalid.getMessage());
            return;
        }
        SdkEventStore.Outcome outcome = store.append(principal.grant(), clock.instant(), events);
        response.setStatus(HttpStatus.ACCEPTED.value());
        response.setContentType("application/json");
        StringBuilder rejected = new StringBuilder();
        new java.util.TreeMap<>(outcome.rejected()).forEach((reason, count) ->
                rejected.append(rejected.isEmpty() ? "" : ",").append('"').append(reason).append("\":").append(count));
        // accepted = events taken in (new or already stored); rejected ones are counted by reason.
        response.getWriter().write("{\"accepted\":" + (outcome.stored() + outcome.duplicates()) + ",\"stored\":"
                + outcome.stored() + ",\"duplicates\":" + outcome.duplicates() + ",\"rejected\":{" + rejected + "}}");
    }

    /** The body, or null when it is longer than {@code limit} (chunked bodies carry no length). */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] read = in.readNBytes(limit + 1);
        return read.length > limit ? null : read;
    }
}
