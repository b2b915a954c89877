package dev.flagledger.server.reliability;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs file system that only the server sees: a private mount namespace is held open by a
 * {@code sleep} process ({@code unshare --mount}, plus {@code --user --map-root-user} when not root), the
 * tmpfs is mounted inside it, the server is started inside it ({@code nsenter}), and the test reaches
 * the files through {@code /proc/<holder>/root}. Nothing is mounted on the host, and the mount goes
 * away with the holder. Filling it with a ballast file makes the disk full; deleting the ballast gives
 * the space back.
 */
final class SmallDisk implements AutoCloseable {
    private final Process holder;
    private final Path mountPoint;
    private final boolean userNamespace;

    private SmallDisk(Process holder, Path mountPoint, boolean userNamespace) {
        this.holder = holder;
        this.mountPoint = mountPoint;
        this.userNamespace = userNamespace;
    }

    /** Mounts a tmpfs of {@code megabytes} at {@code mountPoint} (an existing, empty directory) in a private namespace. */
    static SmallDisk mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        boolean root = "0".equals(run(List.of("id", "-u")).strip());
        List<String> unshare = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private"));
        if (!root) unshare.addAll(List.of("--user", "--map-root-user"));
        // Bounded: the holder ends by itself even if the test JVM dies without closing it.
        unshare.addAll(List.of("sleep", "3600"));
        Process holder;
        try {
            holder = new ProcessBuilder(unshare).redirectErrorStream(true).start();
        } catch (IOException missing) {
            throw new IllegalStateException("the disk-full test needs unshare and nsenter (util-linux: apt-get install util-linux)"
                    + " and a kernel that allows mount namespaces: " + missing.getMessage(), missing);
        }
        SmallDisk disk = new SmallDisk(holder, mountPoint, !root);
        try {
            Thread.sleep(200);
            if (!holder.isAlive())
                throw new IllegalStateException("cannot create a private mount namespace (unshare --mount"
                        + (root ? "" : " --user") + "): " + new String(holder.getInputStream().readAllBytes()));
            List<String> mount = new ArrayList<>(disk.enter());
            mount.addAll(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString()));
            try {
                run(mount);
            } catch (IllegalStateException refused) {
                // Said, not skipped: this machine cannot give the test a small file system of its own.
                throw new IllegalStateException("this machine does not allow mounting a tmpfs in a private mount namespace"
                        + " (needs root or unprivileged user namespaces; in a container, CAP_SYS_ADMIN), so the disk-full test"
                        + " cannot run here: " + refused.getMessage(), refused);
            }
            return disk;
        } catch (IOException | RuntimeException | InterruptedException failed) {
            disk.close();
            throw failed;
        }
    }

    /** The prefix that runs a command inside the namespace (in its root directory: entering a mount namespace resets it). */
    List<String> enter() {
        List<String> command = new ArrayList<>(List.of("nsenter", "--target", String.valueOf(holder.pid()), "--mount"));
        if (userNamespace) command.addAll(List.of("--user", "--preserve-credentials"));
        command.add("--");
        return command;
    }

    /**
     * The prefix that runs a command inside the namespace in {@code directory}, opened after entering it
     * ({@code --wdns}), so relative paths under it reach the small disk. Without it the command runs in
     * "/" (entering a mount namespace resets the working directory), and a server's ./data would be the
     * host's /data, not this disk.
     */
    List<String> enterIn(Path directory) {
        List<String> command = enter();
        // One argument: util-linux 2.38's nsenter takes "--wdns DIR" as the option without its value.
        command.add(command.size() - 1, "--wdns=" + directory);
        return command;
    }

    /** A path on the small disk, as the test (outside the namespace) reaches it. */
    Path outside(String relative) {
        return Path.of("/proc", String.valueOf(holder.pid()), "root").resolve(mountPoint.toString().substring(1)).resolve(relative);
    }

    /** Writes a ballast file until the disk refuses more; answers the bytes written. */
    long fill() throws IOException {
        long written = 0;
        byte[] block = new byte[64 * 1024];
        try (FileOutputStream ballast = new FileOutputStream(outside("ballast").toFile(), true)) {
            while (true) {
                ballast.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) throw full;
        }
        // The last partial blocks too, so not even a page is left.
        try (FileOutputStream ballast = new FileOutputStream(outside("ballast").toFile(), true)) {
            while (true) {
                ballast.write(new byte[512]);
                written += 512;
            }
        } catch (IOException full) {
            return written;
        }
    }

    void free() throws IOException {
        Files.deleteIfExists(outside("ballast"));
    }

    long freeBytes() throws IOException {
        return Files.getFileStore(outside("")).getUsableSpace();
    }

    @Override
    public void close() throws InterruptedException {
        holder.destroy();
        holder.waitFor(10, TimeUnit.SECONDS);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0)
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        return output;
    }
}
