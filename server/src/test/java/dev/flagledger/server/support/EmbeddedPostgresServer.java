package dev.flagledger.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM, from binaries Maven fetched; each caller gets its own
 * database in it. Stopped by a shutdown hook.
 */
public final class EmbeddedPostgresServer {
    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EmbeddedPostgresServer() {
    }

    public static synchronized EmbeddedPostgres get() {
        if (server == null) {
            // The port is picked free, but other processes on a shared machine may take it before the
            // server binds it ("could not bind ... Address already in use"): try a few times.
            IOException failure = null;
            for (int attempt = 0; attempt < 3 && server == null; attempt++) {
                try {
                    server = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    failure = e;
                }
            }
            if (server == null) throw new IllegalStateException("embedded PostgreSQL did not start", failure);
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    /** Creates a fresh database and answers its JDBC URL. */
    public static String newDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection connection = get().getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return get().getJdbcUrl("postgres", name);
    }
}
