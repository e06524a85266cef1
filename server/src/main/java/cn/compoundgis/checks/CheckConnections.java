package cn.compoundgis.checks;

import cn.compoundgis.db.PoolWrapper;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;

/**
 * The pool as a check sees it: each connection comes in an open transaction whose statement_timeout is what is
 * left of the request's time ({@code SET LOCAL}, so it ends with the transaction), and is rolled back when
 * closed (checks only read; the clearance check's design table is temporary). The connections in use are known,
 * so that a stopping server can cancel what they run.
 */
final class CheckConnections extends PoolWrapper {
    private final CheckGate gate;
    private final Set<Connection> inUse = ConcurrentHashMap.newKeySet();

    CheckConnections(DataSource pool, CheckGate gate) {
        super(pool);
        this.gate = gate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long remainingMs = gate.remainingMs();
        if (remainingMs <= 0) {
            throw gate.timeUp();
        }
        Connection c = pool().getConnection();
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL statement_timeout = " + remainingMs);
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        inUse.add(c);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                new Timed(c));
    }

    /** Asks PostgreSQL to cancel whatever each connection in use is running. */
    void cancelAll() {
        for (Connection c : inUse) {
            try {
                c.unwrap(BaseConnection.class).cancelQuery();
            } catch (SQLException e) {
                // closed meanwhile, or the server is gone: nothing left to cancel
            }
        }
    }

    private final class Timed implements InvocationHandler {
        private final Connection connection;

        Timed(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                close();
                return null;
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void close() throws SQLException {
            if (!inUse.remove(connection)) {
                return;
            }
            try {
                if (!connection.isClosed() && !connection.getAutoCommit()) {
                    connection.rollback();
                }
            } finally {
                connection.close();
            }
        }
    }
}
