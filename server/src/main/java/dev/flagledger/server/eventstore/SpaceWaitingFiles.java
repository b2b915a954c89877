package dev.flagledger.server.eventstore;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded store's files, whose writes wait for space on a full disk instead of failing
 * ({@code jdbc:h2:spacewait:async:./data/flagledger}). H2 answers a failed write by closing its store, and
 * coming back from that is where H2 showed its weak spot: a reopened file that lacked acknowledged commits
 * once, a read model out of step with its token once (the 60 s DiskFullIT under load, docs/reliability.md).
 * So H2 never sees a full disk: the write that meets it retries every 100 ms until it goes through, as
 * MySQL's InnoDB does. Its thread holds H2's store lock meanwhile, so other commits queue behind it; new
 * changes are refused before they get there ({@link EmbeddedStoreDisk}), evaluation answers from memory.
 * <p>
 * Only while the JVM shuts down does a write give up (the process must be able to exit): the commit it
 * belongs to was not acknowledged yet, and H2 recovers its file on the next start as after a crash.
 */
public final class SpaceWaitingFiles extends FilePathWrapper {
    static final String SCHEME = "spacewait";
    private static final Logger log = LoggerFactory.getLogger(SpaceWaitingFiles.class);
    private static final long RETRY_MILLIS = 100;
    private static final AtomicBoolean installed = new AtomicBoolean();
    private static volatile boolean shuttingDown;
    private static volatile Runnable whenFull = () -> {
    };

    /** H2 makes one per path by reflection. */
    public SpaceWaitingFiles() {
    }

    /** {@code jdbcUrl} (an embedded H2 file) with its files opened through this file system; registers it once. */
    static String wrap(String jdbcUrl) {
        if (installed.compareAndSet(false, true)) {
            FilePath.register(new SpaceWaitingFiles());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shuttingDown = true, "embedded-store-shutdown"));
        }
        String prefix = "jdbc:h2:";
        if (!jdbcUrl.startsWith(prefix)) throw new IllegalArgumentException("not an H2 URL: " + jdbcUrl);
        String rest = jdbcUrl.substring(prefix.length());
        return rest.startsWith(SCHEME + ":") ? jdbcUrl : prefix + SCHEME + ":" + rest;
    }

    /** Told, on the writing thread, each time a write meets a full disk and starts waiting. */
    static void whenFull(Runnable listener) {
        whenFull = listener;
    }

    /** Whether {@code failure} says the disk (or the user's quota) is full, anywhere in its cause chain. */
    static boolean outOfSpace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded")
                    || message.contains("not enough space on the disk"))) return true;
        }
        return false;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(getBase().open(mode), getBase().toString());
    }

    private static final class Channel extends DelegatingFileChannel {
        private final String name;

        Channel(FileChannel file, String name) {
            super(file);
            this.name = name;
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            long waitingSince = 0;
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        // A failed write leaves the buffer as it was (a short write returns its count instead).
                        int written = file.write(source, position);
                        if (waitingSince != 0)
                            log.info("The embedded store's disk has space again: a write to {} went through after waiting {} ms",
                                    name, (System.nanoTime() - waitingSince) / 1_000_000);
                        return written;
                    } catch (IOException failure) {
                        if (!outOfSpace(failure) || shuttingDown) throw failure;
                        if (waitingSince == 0) {
                            waitingSince = System.nanoTime();
                            whenFull.run();
                            log.warn("The embedded store's disk is full: a write of {} bytes to {} waits for space (new changes"
                                    + " are refused meanwhile; free some space on the disk)", source.remaining(), name);
                        }
                        try {
                            Thread.sleep(RETRY_MILLIS);
                        } catch (InterruptedException stop) {
                            // Still waits: giving up would close H2's store, the very thing this avoids. The
                            // interrupt is kept for the caller; only the JVM's shutdown ends the wait.
                            interrupted = true;
                        }
                    }
                }
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }
    }
}
