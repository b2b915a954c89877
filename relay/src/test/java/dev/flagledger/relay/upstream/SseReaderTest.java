package dev.flagledger.relay.upstream;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseReaderTest {

    @Test
    void events_comments_multi_line_data_and_both_spellings_of_a_field_are_read() throws Exception {
        String stream = "id:5\nevent:put\ndata:{\"a\":1}\n\n:heartbeat\n\nid: 6\nevent: patch\ndata: line one\r\ndata:line two\n\n"
                + "data:no name\n\nid:7\nevent:ignored-without-data\n\n";
        List<SseReader.Event> events = new ArrayList<>();
        int[] activity = {0};
        SseReader.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), new SseReader.Listener() {
            @Override
            public void onEvent(SseReader.Event event) {
                events.add(event);
            }

            @Override
            public void onActivity() {
                activity[0]++;
            }
        });

        assertThat(events).containsExactly(new SseReader.Event("put", "5", "{\"a\":1}"),
                new SseReader.Event("patch", "6", "line one\nline two"), new SseReader.Event("message", null, "no name"));
        assertThat(activity[0]).as("heartbeats count as the upstream being alive").isGreaterThan(10);
    }
}
