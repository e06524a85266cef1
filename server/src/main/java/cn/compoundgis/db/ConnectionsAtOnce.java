package cn.compoundgis.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Connections for work that is better done without than waited for (a tile's second connection): one only if a pool
 * has an idle connection now. A hint, not a promise: another thread may take that connection first, and the pool's
 * wait is then the caller's.
 */
public interface ConnectionsAtOnce {
    /** A connection from a pool with an idle one now, chosen as {@link DataSource#getConnection} would; else empty. */
    Optional<Connection> connectionAtOnce() throws SQLException;

    /** From {@code dataSource}: by its own rule if it has one, else if its pool has an idle connection. */
    static Optional<Connection> from(DataSource dataSource) throws SQLException {
        if (dataSource instanceof ConnectionsAtOnce routed) {
            return routed.connectionAtOnce();
        }
        return hasIdleConnection(dataSource) ? Optional.of(dataSource.getConnection()) : Optional.empty();
    }

    /** Whether a connection of {@code dataSource} would come at once: its HikariCP pool has an idle one (else unknown: yes). */
    static boolean hasIdleConnection(DataSource dataSource) throws SQLException {
        if (!dataSource.isWrapperFor(HikariDataSource.class)) {
            return true;
        }
        HikariPoolMXBean state = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
        return state == null || state.getIdleConnections() > 0;
    }
}
