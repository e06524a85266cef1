package cn.compoundgis.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool and the schema migrations. */
public final class Database {
    /**
     * How long a request waits for a connection before it is answered 503 (the database is restarting):
     * short, so that a client is told to retry instead of hanging.
     */
    public static final long CONNECTION_TIMEOUT_MS = 3_000;
    /** Must stay below the connection timeout (HikariCP's rule). */
    private static final long VALIDATION_TIMEOUT_MS = 2_000;
    /** A replica that does not give a connection within this is taken for down (the primary serves the read). */
    private static final long REPLICA_CONNECTION_TIMEOUT_MS = 1_000;
    private static final long REPLICA_VALIDATION_TIMEOUT_MS = 500;

    private Database() {
    }

    /** No warm-up of coordinate transformations (tests and tools). */
    private static final int NO_WORKING_SRID = 0;
    private static final String WARM_UP = SqlResource.load("/db/warm-up.sql");

    public static HikariDataSource pool(ConnectionInfo info, int maxConnections) {
        return pool(info, maxConnections, 0, NO_WORKING_SRID);
    }

    /**
     * A pool whose connections have {@code statement_timeout} as their default ({@code statementTimeoutMs}, 0 =
     * none): no request runs unbounded (issue 10 point 5). Migrations lift it for themselves. Each new connection
     * builds the transformations of {@code workingSrid} first (db/warm-up.sql).
     */
    public static HikariDataSource pool(ConnectionInfo info, int maxConnections, long statementTimeoutMs, int workingSrid) {
        return new HikariDataSource(config(info, maxConnections, statementTimeoutMs, workingSrid));
    }

    /**
     * A pool on read replica number {@code number}: as {@link #pool}, but it may be down when the server starts
     * (reads then go to the primary) and a dead one is given up on sooner, so that the read falls back quickly.
     */
    public static HikariDataSource replicaPool(ConnectionInfo info, int maxConnections, long statementTimeoutMs,
                                               int workingSrid, int number) {
        return new HikariDataSource(replicaConfig(info, maxConnections, statementTimeoutMs, workingSrid,
                "compound-gis-replica-" + number));
    }

    /**
     * One connection to read replica number {@code number} for asking what it has replayed: apart from the reads'
     * pool, so that the question is answered when every read connection is busy (a busy replica is not a dead one).
     */
    public static HikariDataSource replicaStatusPool(ConnectionInfo info, long statementTimeoutMs, int number) {
        return new HikariDataSource(replicaConfig(info, 1, statementTimeoutMs, NO_WORKING_SRID,
                "compound-gis-replica-" + number + "-status"));
    }

    private static HikariConfig replicaConfig(ConnectionInfo info, int maxConnections, long statementTimeoutMs,
                                              int workingSrid, String poolName) {
        HikariConfig config = config(info, maxConnections, statementTimeoutMs, workingSrid);
        config.setPoolName(poolName);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(REPLICA_CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(REPLICA_VALIDATION_TIMEOUT_MS);
        return config;
    }

    private static HikariConfig config(ConnectionInfo info, int maxConnections, long statementTimeoutMs,
                                       int workingSrid) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(info.jdbcUrl());
        if (info.user() != null) {
            config.setUsername(info.user());
        }
        if (info.password() != null) {
            config.setPassword(info.password());
        }
        config.setMaximumPoolSize(maxConnections);
        config.setPoolName("compound-gis");
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_MS);
        // JIT compilation adds 60-775 ms to millisecond spatial queries (shared/notes/toolchain.md).
        config.addDataSourceProperty("options", "-c jit=off -c statement_timeout=" + statementTimeoutMs);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "compound-gis");
        if (workingSrid != NO_WORKING_SRID) {
            config.setConnectionInitSql(warmUpSql(workingSrid));
        }
        return config;
    }

    static String warmUpSql(int workingSrid) {
        return WARM_UP.replace("${srid}", String.valueOf(workingSrid));
    }

    /** Brings the schema up to date; the working SRID of an existing database cannot change. */
    public static void migrate(DataSource dataSource, int workingSrid) throws SQLException {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("srid", String.valueOf(workingSrid)))
                .initSql("SET statement_timeout = 0")
                .load()
                .migrate();
        if (dataSource instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
            // the migration's connections keep its SET statement_timeout = 0: replace them
            pool.getHikariPoolMXBean().softEvictConnections();
        }
        int stored = storedSrid(dataSource);
        if (stored != workingSrid) {
            throw new IllegalStateException("this database stores geometry in EPSG:" + stored
                    + " but the server is configured for EPSG:" + workingSrid
                    + "; set WORKING_SRID=" + stored + " or use a new database");
        }
    }

    public static int storedSrid(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT Find_SRID('public', 'compound', 'geom')")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
