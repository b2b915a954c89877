package dev.flagledger.server.eventstore;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An H2 file system ({@code jdbc:h2:fulldisk:async:/path}) whose disk a test fills up: the next write waits
 * until the test lets it fail as a write to a full disk fails, and writes keep failing until the space returns.
 * Holding the write lets a test look at what other sessions see between a commit and its write.
 */
public final class FullDisk extends FilePathWrapper {
    static final String SCHEME = "fulldisk";
    private static final AtomicBoolean installed = new AtomicBoolean();
    private static volatile boolean full;
    private static volatile Thread firstWriter;
    private static volatile CountDownLatch writeWaiting = new CountDownLatch(1);
    private static volatile CountDownLatch writeFails = new CountDownLatch(0);
    // As a real full disk does: the failing write first writes what fits (here half), then fails.
    static volatile boolean partialWrites;

    /** H2 makes one per path by reflection. */
    public FullDisk() {
    }

    static void install() {
        if (installed.compareAndSet(false, true)) FilePath.register(new FullDisk());
    }

    /** An H2 URL (PostgreSQL mode, {@code WRITE_DELAY=0} as the server's) of a database file on this file system. */
    static String url(Path file) {
        install();
        return "jdbc:h2:" + SCHEME + ":async:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";
    }

    /**
     * From now on, {@code writer}'s next write waits for {@link #failTheWaitingWrite()}, and from then every write
     * fails until {@link #spaceReturns()}. Other threads write as before until then: the test decides whose
     * commit meets the full disk (H2 lets one thread write at a time, so none writes while that one waits).
     */
    static void fillUpAt(Thread writer) {
        writeWaiting = new CountDownLatch(1);
        writeFails = new CountDownLatch(1);
        firstWriter = writer;
        full = true;
    }

    static void awaitWaitingWrite() throws InterruptedException {
        if (!writeWaiting.await(30, TimeUnit.SECONDS)) throw new AssertionError("no write reached the full disk");
    }

    static void failTheWaitingWrite() {
        writeFails.countDown();
    }

    static void spaceReturns() {
        full = false;
        writeFails.countDown();
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(getBase().open(mode));
    }

    private static final class Channel extends DelegatingFileChannel {
        Channel(FileChannel file) {
            super(file);
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            if (full && (writeFails.getCount() == 0 || Thread.currentThread() == firstWriter)) {
                writeWaiting.countDown();
                try {
                    writeFails.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                if (full) {
                    if (partialWrites && source.remaining() > 1) {
                        ByteBuffer half = source.duplicate();
                        half.limit(half.position() + half.remaining() / 2);
                        file.write(half, position);
                    }
                    throw new IOException("No space left on device");
                }
            }
            return super.write(source, position);
        }
    }
}
