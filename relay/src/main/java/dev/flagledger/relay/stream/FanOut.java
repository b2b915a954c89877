package dev.flagledger.relay.stream;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every open stream of one environment, grouped by the event loop that owns their channels. A change
 * is serialised once ({@link Frames}) and handed to each loop as one task that writes the same bytes
 * to each of its channels: no copy per client, no thread per client, and a loop never waits for a
 * socket. A client that leaves more than {@code maxPendingBytes} unread (its channel turns
 * unwritable) is closed instead of buffered for: it reconnects with Last-Event-ID and resumes.
 *
 * <p>Each loop's set is touched only on that loop (subscribe runs on the channel's loop, close
 * listeners and delivery tasks too), so it needs no lock; the map of loops is concurrent.
 */
public final class FanOut {
    /** One change for every subscriber: config streams get {@code stream}, change-notice streams get {@code change}. */
    public record Frames(long position, byte[] stream, byte[] change) {
    }

    private final Map<EventLoop, Set<Subscriber>> byLoop = new ConcurrentHashMap<>();
    private final StreamCounters counters;
    private final long maxPendingBytes;

    public FanOut(StreamCounters counters, long maxPendingBytes) {
        this.counters = counters;
        this.maxPendingBytes = maxPendingBytes;
    }

    /** Delivers a change to every subscriber of the environment; callable from any thread, never blocks. */
    public void publish(Frames frames) {
        byLoop.forEach((loop, subscribers) -> loop.execute(() -> deliver(subscribers, frames)));
    }

    /** A comment line on every stream, so proxies keep them open and clients notice a dead relay. */
    public void heartbeat(byte[] frame) {
        byLoop.forEach((loop, subscribers) -> loop.execute(() -> {
            List<Channel> slow = new ArrayList<>();
            for (Subscriber subscriber : subscribers) write(subscriber, frame, slow);
            dropAll(slow);
        }));
    }

    /**
     * Registers an open stream after writing what it must see first (the {@code put}, or the
     * patches it missed). Must run on the channel's event loop, under the environment's lock, so no
     * change can fall between the first frames and the subscription.
     *
     * @param sentUpTo the position the client holds after {@code first}; later deliveries skip anything at or below it
     */
    public void subscribe(Channel channel, boolean configStream, long sentUpTo, List<byte[]> first) {
        int firstBytes = first.stream().mapToInt(frame -> frame.length).sum();
        // A big environment's put must not count against the allowance of a client that reads fine.
        long high = maxPendingBytes + firstBytes;
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark((int) Math.min(Integer.MAX_VALUE, high / 2),
                (int) Math.min(Integer.MAX_VALUE, high)));
        Subscriber subscriber = new Subscriber(channel, configStream, sentUpTo);
        for (byte[] frame : first) channel.write(Unpooled.wrappedBuffer(frame), channel.voidPromise());
        channel.flush();
        Set<Subscriber> subscribers = byLoop.computeIfAbsent(channel.eventLoop(), loop -> new HashSet<>());
        subscribers.add(subscriber);
        counters.opened();
        channel.closeFuture().addListener(closed -> {
            subscribers.remove(subscriber);
            counters.closed();
        });
    }

    private void deliver(Set<Subscriber> subscribers, Frames frames) {
        List<Channel> slow = new ArrayList<>();
        for (Subscriber subscriber : subscribers) {
            if (frames.position() <= subscriber.sentUpTo) continue;
            byte[] frame = subscriber.configStream ? frames.stream() : frames.change();
            subscriber.sentUpTo = frames.position();
            if (frame != null) write(subscriber, frame, slow);
        }
        dropAll(slow);
    }

    private static void write(Subscriber subscriber, byte[] frame, List<Channel> slow) {
        Channel channel = subscriber.channel;
        if (!channel.isActive()) return;
        if (!channel.isWritable()) slow.add(channel);
        else channel.writeAndFlush(Unpooled.wrappedBuffer(frame), channel.voidPromise());
    }

    /** Closed after the walk: a close on the loop removes the channel from the set being walked. */
    private void dropAll(List<Channel> slow) {
        for (Channel channel : slow) {
            counters.droppedOne();
            channel.close();
        }
    }

    /** Open streams of this environment (for health); counts each loop's set on its own thread's terms. */
    public int size() {
        return byLoop.values().stream().mapToInt(Set::size).sum();
    }

    private static final class Subscriber {
        final Channel channel;
        final boolean configStream;
        long sentUpTo;

        Subscriber(Channel channel, boolean configStream, long sentUpTo) {
            this.channel = channel;
            this.configStream = configStream;
            this.sentUpTo = sentUpTo;
        }
    }

    /** Relay-wide stream counts: open now, and dropped for reading too slowly. */
    public static final class StreamCounters {
        private final AtomicLong open = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();

        void opened() {
            open.incrementAndGet();
        }

        void closed() {
            open.decrementAndGet();
        }

        void droppedOne() {
            dropped.incrementAndGet();
        }

        public long open() {
            return open.get();
        }

        public long dropped() {
            return dropped.get();
        }
    }
}
