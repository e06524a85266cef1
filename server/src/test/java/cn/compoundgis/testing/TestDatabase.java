package cn.compoundgis.testing;

import cn.compoundgis.config.AppConfig;
import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.db.Database;
import cn.compoundgis.db.PostgresCluster;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Real PostGIS for tests. One private cluster per test JVM, made by the same code as the server's, in a
 * throwaway folder that is removed when the JVM ends; or, with {@code TEST_DATABASE_URL}, an existing
 * server on which the tests create their own databases.
 */
public final class TestDatabase {
    private static ConnectionInfo server;

    private TestDatabase() {
    }

    /** Connection to the maintenance database of the shared test server. */
    public static synchronized ConnectionInfo server() {
        if (server == null) {
            String url = System.getenv("TEST_DATABASE_URL");
            server = url != null && !url.isBlank() ? ConnectionInfo.parse(url) : startPrivateCluster();
        }
        return server;
    }

    /** A new, empty, migrated database (dropped first if it exists) in the working CRS EPSG:4548. */
    public static DataSource fresh(String name) {
        return fresh(name, AppConfig.DEFAULT_WORKING_SRID);
    }

    public static DataSource fresh(String name, int workingSrid) {
        String db = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        ConnectionInfo info = createDatabase(db);
        HikariDataSource ds = Database.pool(info, 4);
        try {
            Database.migrate(ds, workingSrid);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ds::close));
        return ds;
    }

    /** Creates (or re-creates) an empty database and returns how to reach it; nothing is migrated. */
    public static ConnectionInfo createDatabase(String db) {
        ConnectionInfo maintenance = server().withDatabase("postgres");
        try (Connection c = DriverManager.getConnection(maintenance.jdbcUrl(), maintenance.user(), maintenance.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + db, e);
        }
        return maintenance.withDatabase(db);
    }

    private static ConnectionInfo startPrivateCluster() {
        try {
            Path dir = Files.createTempDirectory("compound-gis-test-");
            PostgresCluster cluster = PostgresCluster.start(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                cluster.close();
                deleteQuietly(dir);
            }));
            // The tests make databases of their own: they need the superuser, as an operator would.
            return cluster.adminConnectionInfo();
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not start the test PostGIS cluster: " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
