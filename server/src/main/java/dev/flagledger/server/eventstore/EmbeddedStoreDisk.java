package dev.flagledger.server.eventstore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The disk under the embedded H2 file store, watched so that H2 never has to write to a full one: below
 * {@code minFree} of usable space (or as soon as a write of H2's meets a full disk, {@link SpaceWaitingFiles})
 * new changes are refused as {@code UNAVAILABLE} (commands before their handler, {@link #refuseChangesWhileFull};
 * every other write at its statement, {@link ReadOnlyWhileDiskFull}), and
 * accepted again once the disk has its reserve and a quarter more. What was accepted before still gets
 * written: into the reserve, or, if something else filled that too, as soon as there is room
 * ({@link SpaceWaitingFiles}). Other stores watch their own disks (PostgreSQL answers 53100, a disk-full
 * error, which is {@code UNAVAILABLE} too).
 */
public final class EmbeddedStoreDisk implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreDisk.class);
    /** The reserve when none is configured: 64 MiB, or a twentieth of a smaller disk. */
    static final long DEFAULT_RESERVE = 64L * 1024 * 1024;

    private final FileStore disk;
    private final Path directory;
    private final long minFree;
    private final ScheduledExecutorService watch;
    private volatile boolean full;
    private volatile Runnable whenSpaceReturns = () -> {
    };

    private EmbeddedStoreDisk(Path directory, long minFree, Duration every) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            this.disk = Files.getFileStore(directory);
            this.minFree = minFree >= 0 ? minFree : Math.min(DEFAULT_RESERVE, disk.getTotalSpace() / 20);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("The embedded store's directory " + directory + " cannot be watched", unreadable);
        }
        watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-store-disk");
            thread.setDaemon(true);
            return thread;
        });
        check();
        watch.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        SpaceWaitingFiles.whenFull(this::writeMetAFullDisk);
    }

    /**
     * Watches the disk of {@code jdbcUrl}'s file ({@code minFree} bytes of reserve, or negative for the default)
     * every {@code every}.
     */
    public static EmbeddedStoreDisk watching(String jdbcUrl, long minFree, Duration every) {
        return new EmbeddedStoreDisk(directoryOf(jdbcUrl), minFree, every);
    }

    /** For a store that is not an embedded H2 file: its database watches its own disk, so nothing is refused here. */
    public static EmbeddedStoreDisk unwatched() {
        return new EmbeddedStoreDisk();
    }

    private EmbeddedStoreDisk() {
        directory = null;
        disk = null;
        minFree = 0;
        watch = null;
    }

    /** The directory of an embedded H2 file URL's database ({@code jdbc:h2:async:./data/flagledger;…} → ./data). */
    static Path directoryOf(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:h2:".length());
        int options = path.indexOf(';');
        if (options >= 0) path = path.substring(0, options);
        // File system prefixes (file:, async:, nio:, spacewait: …) before the path; a Windows drive letter is not one.
        while (path.matches("^[a-zA-Z]{2,}:.*")) path = path.substring(path.indexOf(':') + 1);
        if (path.startsWith("~")) path = System.getProperty("user.home") + path.substring(1);
        Path file = Path.of(path).toAbsolutePath().normalize();
        return file.getParent();
    }

    /** The usable bytes below which changes are refused. */
    public long minFree() {
        return minFree;
    }

    /** Run on the watching thread each time changes are accepted again after the disk was full. */
    public void whenSpaceReturns(Runnable listener) {
        whenSpaceReturns = listener;
    }

    /** Whether new changes are refused now. */
    public boolean full() {
        return full;
    }

    /** Refuses a change while the disk is below its reserve: {@code UNAVAILABLE}, the client tries again later. */
    public void refuseChangesWhileFull() {
        if (full) throw new DiskFull(directory, minFree);
    }

    private void writeMetAFullDisk() {
        if (!full) {
            full = true;
            log.warn("The embedded store's disk ({}) is full: new changes are refused until {} MiB are free", directory, mib(minFree));
        }
    }

    private void check() {
        try {
            long usable = disk.getUsableSpace();
            if (!full && usable < minFree) {
                full = true;
                log.warn("The embedded store's disk ({}) has {} MiB usable, less than its reserve of {} MiB: new changes"
                        + " are refused until there is more", directory, mib(usable), mib(minFree));
            } else if (full && usable >= minFree + minFree / 4) {
                // A quarter of the reserve above it, so that a disk hovering at the reserve does not flap.
                full = false;
                log.info("The embedded store's disk ({}) has {} MiB usable again: changes are accepted", directory, mib(usable));
                whenSpaceReturns.run();
            }
        } catch (IOException | RuntimeException unreadable) {
            log.warn("Cannot read the usable space of the embedded store's disk ({})", directory, unreadable);
        }
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    @Override
    public void close() {
        if (watch != null) watch.shutdownNow();
    }

    /**
     * A change refused because the embedded store's disk is below its reserve. Its cause carries SQLState
     * 53100 (disk full, as PostgreSQL reports it), which makes it {@code UNAVAILABLE} / 503 for the caller.
     */
    public static final class DiskFull extends RuntimeException {
        DiskFull(Path directory, long minFree) {
            // The directory is in the server's log, not in the answer: clients need not know the server's file layout.
            super("Not accepted: the server's disk is full (less than " + mib(minFree) + " MiB free); try again later",
                    new ReadOnlyWhileDiskFull.Refused());
        }
    }
}
