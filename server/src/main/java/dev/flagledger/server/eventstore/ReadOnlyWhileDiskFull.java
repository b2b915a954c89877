package dev.flagledger.server.eventstore;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The embedded store's connections, read-only while its disk is full: a statement that may write (anything
 * but a query; a query that locks rows or draws a sequence value) is refused before it reaches H2, with
 * {@link Refused} (SQLState 53100, so {@code UNAVAILABLE}). Why at the statement: once one of H2's writes waits
 * for space ({@link SpaceWaitingFiles}) it holds H2's store lock, and every session that changed anything then
 * waits at its commit (or its rollback, which also stores) while holding its pooled connection. Tracking
 * processors extend their token claims every few seconds, so within seconds all ten connections were held and
 * reads timed out too (a 60 s DiskFullIT run, 3 s answers and INTERNAL errors). Refused before they change
 * anything, processors go into Axon's retry mode and are restarted when the space returns; only transactions
 * already under way when the disk filled wait for it.
 */
final class ReadOnlyWhileDiskFull implements DataSource {
    private static final Set<String> STATEMENT_SQL_CALLS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "addBatch");
    private final DataSource connections;
    private final BooleanSupplier diskFull;

    ReadOnlyWhileDiskFull(DataSource connections, BooleanSupplier diskFull) {
        this.connections = connections;
        this.diskFull = diskFull;
    }

    /** Whether {@code sql} may change the database (or lock rows, which H2 records as a change). */
    static boolean mayWrite(String sql) {
        String statement = withoutLeadingCommentsAndParentheses(sql).toLowerCase(Locale.ROOT);
        boolean query = statement.startsWith("select") || statement.startsWith("with") || statement.startsWith("values")
                || statement.startsWith("table ") || statement.startsWith("explain") || statement.startsWith("show");
        return !query || statement.contains("for update") || statement.contains("nextval") || statement.contains("next value for");
    }

    private static String withoutLeadingCommentsAndParentheses(String sql) {
        String rest = sql.stripLeading();
        while (true) {
            if (rest.startsWith("--")) {
                int end = rest.indexOf('\n');
                rest = end < 0 ? "" : rest.substring(end + 1).stripLeading();
            } else if (rest.startsWith("/*")) {
                int end = rest.indexOf("*/");
                rest = end < 0 ? "" : rest.substring(end + 2).stripLeading();
            } else if (rest.startsWith("(")) {
                rest = rest.substring(1).stripLeading();
            } else {
                return rest;
            }
        }
    }

    private void check(String sql) throws Refused {
        if (sql != null && diskFull.getAsBoolean() && mayWrite(sql)) throw new Refused();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return guarded(connections.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return guarded(connections.getConnection(username, password));
    }

    private Connection guarded(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                new Guard(connection, true));
    }

    /** Checks the SQL a connection prepares, and the SQL its plain statements run. */
    private final class Guard implements InvocationHandler {
        private final Object target;
        private final boolean connection;

        Guard(Object target, boolean connection) {
            this.target = target;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            String name = method.getName();
            if (name.equals("equals")) return proxy == arguments[0];
            if (name.equals("hashCode")) return System.identityHashCode(proxy);
            boolean sqlFirst = arguments != null && arguments.length > 0 && arguments[0] instanceof String;
            if (connection && sqlFirst && (name.equals("prepareStatement") || name.equals("prepareCall"))) check((String) arguments[0]);
            if (!connection && sqlFirst && STATEMENT_SQL_CALLS.contains(name)) check((String) arguments[0]);
            Object result;
            try {
                result = method.invoke(target, arguments);
            } catch (InvocationTargetException failure) {
                throw failure.getCause();
            }
            if (connection && name.equals("createStatement"))
                return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[]{Statement.class}, new Guard(result, false));
            return result;
        }
    }

    /**
     * A statement refused because the embedded store's disk is full: SQLState 53100 (disk full, as PostgreSQL
     * says it), so the request answers {@code UNAVAILABLE}; the connection stays in the pool (it is not broken).
     */
    static final class Refused extends SQLTransientException {
        Refused() {
            super("The embedded store's disk is full: changes are refused until there is space", "53100");
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return connections.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        connections.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        connections.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return connections.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return connections.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : connections.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || connections.isWrapperFor(type);
    }
}
