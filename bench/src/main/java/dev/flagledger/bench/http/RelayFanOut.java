package dev.flagledger.bench.http;

import com.google.gson.JsonParser;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.flagledger.bench.http.ProductionToggles.percentile;

/**
 * Issue 14, benchmark 4: how many open {@code /sdk/v1/stream} connections one relay holds, what each
 * costs in heap, and how long a change takes to reach all of them. Opens STREAMS streams on the relay
 * (a Netty client: one event loop holds them all), measures the relay's heap after a full GC before
 * and after (jcmd GC.run, then the relay's /health), then toggles FLAG TOGGLES times through the
 * server's GraphQL and records when each stream received each patch. bench/relay.sh runs it.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.flagledger.bench.http.RelayFanOut
 *      RELAY_URL SDK_KEY SERVER_URL ADMIN_PASSWORD PROJECT FLAG STREAMS TOGGLES RELAY_PID</pre>
 */
public final class RelayFanOut {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    /** One stream's SSE parser: the id of the last patch and when it arrived. */
    private static final class Stream extends SimpleChannelInboundHandler<HttpObject> {
        private final CountDownLatch opened;
        private final StringBuilder pending = new StringBuilder();
        private boolean sawPut;
        volatile long patchId = -1;
        volatile long patchAt;
        volatile boolean closed;

        Stream(CountDownLatch opened) {
            this.opened = opened;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, HttpObject message) {
            if (message instanceof HttpResponse response && response.status().code() != 200)
                throw new IllegalStateException("the relay answered " + response.status());
            if (!(message instanceof HttpContent content)) return;
            long now = System.nanoTime();
            ByteBuf bytes = content.content();
            pending.append(bytes.toString(StandardCharsets.UTF_8));
            for (int end; (end = pending.indexOf("\n\n")) >= 0; ) {
                String event = pending.substring(0, end);
                pending.delete(0, end + 2);
                if (event.contains("\nevent:put\n") && !sawPut) {
                    sawPut = true;
                    opened.countDown();
                } else if (event.contains("\nevent:patch\n") && event.startsWith("id:")) {
                    patchId = Long.parseLong(event.substring(3, event.indexOf('\n')));
                    patchAt = now;
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            closed = true;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            closed = true;
            context.close();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 9) {
            System.err.println("usage: RelayFanOut RELAY_URL SDK_KEY SERVER_URL ADMIN_PASSWORD PROJECT FLAG STREAMS TOGGLES RELAY_PID");
            System.exit(2);
        }
        URI relay = URI.create(args[0]);
        String sdkKey = args[1];
        ProductionToggles admin = new ProductionToggles(args[2], args[3]);
        String project = args[4];
        String flag = args[5];
        int streams = Integer.parseInt(args[6]);
        int toggles = Integer.parseInt(args[7]);
        long relayPid = Long.parseLong(args[8]);

        long heapBefore = heapAfterGc(relay, relayPid);
        long rssBefore = rss(relayPid);
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        List<Stream> open = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        long openStart = System.nanoTime();
        // In steps of 500, each waiting for its puts, so the relay's accept backlog is never the limit.
        for (int from = 0; from < streams; from += 500) {
            int step = Math.min(500, streams - from);
            CountDownLatch opened = new CountDownLatch(step);
            for (int i = 0; i < step; i++) {
                Stream stream = new Stream(opened);
                Channel channel = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel channel) {
                                channel.pipeline().addLast(new HttpClientCodec(), stream);
                            }
                        }).connect(relay.getHost(), relay.getPort()).sync().channel();
                DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/sdk/v1/stream");
                request.headers().set("Host", relay.getHost()).set("Authorization", "Bearer " + sdkKey)
                        .set("Accept", "text/event-stream");
                channel.writeAndFlush(request);
                open.add(stream);
                channels.add(channel);
            }
            if (!opened.await(120, TimeUnit.SECONDS))
                throw new IllegalStateException((from + step - opened.getCount()) + " of " + (from + step) + " streams opened");
        }
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        long heapAfter = heapAfterGc(relay, relayPid);
        long rssAfter = rss(relayPid);
        System.out.printf(Locale.ROOT, "# %d streams open after %.1f s; relay heap after full GC %.1f MB -> %.1f MB,"
                        + " RSS %.0f MB -> %.0f MB%n", streams, openSeconds, heapBefore / 1e6, heapAfter / 1e6,
                rssBefore / 1e6, rssAfter / 1e6);

        List<Double> endToEnd = new ArrayList<>();
        List<Double> spread = new ArrayList<>();
        List<Double> lastPerToggle = new ArrayList<>();
        List<Double> ackPerToggle = new ArrayList<>();
        boolean enabled = admin.enabled(project, flag);
        long version = admin.version(project, flag);
        for (int t = 0; t < toggles; t++) {
            long seen = open.stream().mapToLong(stream -> stream.patchId).max().orElse(-1);
            enabled = !enabled;
            long sent = System.nanoTime();
            version = admin.toggle(project, flag, version, enabled);
            ackPerToggle.add((System.nanoTime() - sent) / 1e6);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (Stream stream : open) {
                while (stream.patchId <= seen) {
                    if (stream.closed) throw new IllegalStateException("a stream was closed by the relay");
                    if (System.nanoTime() > deadline) throw new IllegalStateException("a stream missed toggle " + t);
                    Thread.sleep(1);
                }
            }
            long first = open.stream().mapToLong(stream -> stream.patchAt).min().orElseThrow();
            double last = 0;
            for (Stream stream : open) {
                double ms = (stream.patchAt - sent) / 1e6;
                endToEnd.add(ms);
                spread.add((stream.patchAt - first) / 1e6);
                last = Math.max(last, ms);
            }
            lastPerToggle.add(last);
            Thread.sleep(300);
        }
        channels.forEach(Channel::close);
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "RESULT streams=%d toggles=%d heap_per_stream_bytes=%.0f rss_per_stream_bytes=%.0f"
                        + " heap_before_mb=%.1f heap_after_mb=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f"
                        + " fanout_spread_p50_ms=%.2f fanout_spread_p99_ms=%.2f last_stream_p50_ms=%.2f mutation_ack_p50_ms=%.2f%n",
                streams, toggles, (heapAfter - heapBefore) / (double) streams, (rssAfter - rssBefore) / (double) streams,
                heapBefore / 1e6, heapAfter / 1e6, percentile(endToEnd, 50), percentile(endToEnd, 99),
                percentile(endToEnd, 100), percentile(spread, 50), percentile(spread, 99), percentile(lastPerToggle, 50),
                percentile(ackPerToggle, 50));
        System.exit(0);
    }

    /** The relay's heap in use right after a full collection. */
    private static long heapAfterGc(URI relay, long pid) throws Exception {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        if (gc.waitFor() != 0) throw new IllegalStateException("jcmd GC.run failed");
        String health = HTTP.send(HttpRequest.newBuilder(relay.resolve("/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return JsonParser.parseString(health).getAsJsonObject().getAsJsonObject("heap").get("used").getAsLong();
    }

    private static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        return 0;
    }
}
