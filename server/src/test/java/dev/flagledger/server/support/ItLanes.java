package dev.flagledger.server.support;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;
import java.util.List;

/**
 * The order of the server's integration-test classes, for running them in two lanes in one JVM
 * (server/pom.xml's failsafe configuration: classes concurrent, methods in their class's thread, a pool
 * of exactly two threads). JUnit forks every class in this order onto one thread's queue; the other
 * thread takes classes from the front of that queue, the first thread from its back. So
 * {@code CrashSafetyIT} (two servers restarting side by side, about two cores) starts at once on one
 * lane while the other lane runs {@code SoakIT} (a fixed request rate, far from a core) and the classes
 * that mostly wait; when the crash test ends, both lanes share what is left, meeting in the middle, where
 * the short classes are. Before, every class but the crash test ran one after another on one lane, and
 * after the crash test ended that lane ran alone on a machine with a core to spare.
 * <p>
 * A class not named here runs in the middle (after the front's named classes).
 */
public final class ItLanes implements ClassOrderer {
    /**
     * Front of the queue: the crash test, then the classes that start jars (the CPU-heavy ones), longest
     * first, so the lanes end close together.
     */
    private static final List<String> FRONT = List.of("CrashSafetyIT", "CliEndToEndIT", "DiskFullIT",
            "ServerJarRestartIT", "ScheduledChangeRestartIT", "JavaProviderIT");
    /**
     * Back of the queue, taken from the end while the crash test runs: the soak first, then the classes
     * that spend much of their time waiting (a 30 s wait for a due instant, Keycloak's token expiry, an
     * 8 s database outage).
     */
    private static final List<String> BACK = List.of("OpenFeatureOfrepIT", "NodeOfrepProviderIT", "PostgresOutageIT",
            "KeycloakSignInIT", "ScheduledChangeTwoInstancesIT", "SoakIT");

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(descriptor -> rank(descriptor.getTestClass().getSimpleName())));
    }

    static int rank(String simpleName) {
        int front = FRONT.indexOf(simpleName);
        if (front >= 0) return front;
        int back = BACK.indexOf(simpleName);
        return back >= 0 ? FRONT.size() + 1 + back : FRONT.size();
    }
}
