package dev.flagledger.relay.http;

import dev.flagledger.relay.environment.EnvironmentId;
import dev.flagledger.relay.environment.Environments;
import dev.flagledger.relay.events.EventSpool;
import dev.flagledger.relay.health.HealthReport;
import dev.flagledger.relay.keys.KeyCache;
import dev.flagledger.sdk.events.SdkEventBatchReader;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The relay's HTTP/1.1 server on Netty: a pipeline of the HTTP codec, a body aggregator bounded at the
 * event batch limit, and one shared, stateless handler. One open stream costs its channel, its
 * pipeline and one small subscriber record; nothing else is kept per connection.
 */
public final class RelayHttpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RelayHttpServer.class.getName());
    /** A connection that neither reads nor completes a write for this long is closed (a stuck client). */
    private static final int IDLE_SECONDS = 120;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel server;

    public RelayHttpServer(String host, int port, int ioThreads, KeyCache keys, Environments environments,
                           Predicate<EnvironmentId> served, EventSpool spool, List<String> corsOrigins, int sharedMaxAge,
                           int staleIfError, Supplier<HealthReport.Sources> health) throws InterruptedException {
        Responses responses = new Responses(new Responses.Cors(corsOrigins));
        SdkEndpoints sdk = new SdkEndpoints(keys, environments, served, spool, responses,
                new SdkEndpoints.CacheHeaders(sharedMaxAge, staleIfError));
        Handler handler = new Handler(sdk, responses, health);
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS),
                                new HttpServerCodec(), new BoundedAggregator(responses), handler);
                    }
                }).bind(host, port).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Bodies up to an event batch; a larger one is answered 413 with a problem, as the server does. */
    private static final class BoundedAggregator extends HttpObjectAggregator {
        private final Responses responses;

        BoundedAggregator(Responses responses) {
            super(SdkEventBatchReader.MAX_BODY_BYTES + 1024);
            this.responses = responses;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext context, HttpMessage oversized) {
            byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,\"detail\":\"a request body"
                    + " is at most " + SdkEventBatchReader.MAX_BODY_BYTES + " bytes\"}").getBytes(StandardCharsets.UTF_8);
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .set(HttpHeaderNames.CONNECTION, "close");
            HttpUtil.setContentLength(response, body.length);
            context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @ChannelHandler.Sharable
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final SdkEndpoints sdk;
        private final Responses responses;
        private final Supplier<HealthReport.Sources> health;

        Handler(SdkEndpoints sdk, Responses responses, Supplier<HealthReport.Sources> health) {
            this.sdk = sdk;
            this.responses = responses;
            this.health = health;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            Exchange exchange = new Exchange(context, request.method(), new QueryStringDecoder(request.uri()).path(),
                    request.headers(), ByteBufUtil.getBytes(request.content()), HttpUtil.isKeepAlive(request));
            if (!request.decoderResult().isSuccess()) {
                responses.problem(new Exchange(context, request.method(), exchange.path(), request.headers(), new byte[0],
                        false), 400, "Bad Request", "the request could not be read");
                return;
            }
            if (responses.cors().preflight(exchange, responses)) return;
            String path = exchange.path();
            if (path.startsWith("/ofrep/") || path.startsWith("/sdk/")) sdk.handle(exchange);
            else if (path.equals("/health") || path.equals("/health/ready")) {
                HealthReport.Report report = HealthReport.of(health.get());
                responses.json(exchange, report.httpStatus(), path.equals("/health") ? report.body()
                        : Map.of("status", report.status().name()), Map.of("Cache-Control", "no-store"));
            } else if (path.equals("/health/live")) {
                responses.json(exchange, 200, Map.of("status", "UP"), Map.of("Cache-Control", "no-store"));
            } else if (path.equals("/metrics")) {
                responses.send(exchange, 200, Unpooled.wrappedBuffer(HealthReport.metrics(health.get())
                        .getBytes(StandardCharsets.UTF_8)), "text/plain; version=0.0.4", Map.of("Cache-Control", "no-store"));
            } else {
                responses.problem(exchange, 404, "Not Found", "nothing at " + path);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event instanceof IdleStateEvent) context.close();
            else super.userEventTriggered(context, event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            LOG.log(System.Logger.Level.DEBUG, "connection closed after " + cause);
            context.close();
        }
    }
}
