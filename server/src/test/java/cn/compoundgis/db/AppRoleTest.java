package cn.compoundgis.db;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.CompoundGis;
import cn.compoundgis.config.AppConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, point 9: with its private cluster the server connects as an owner role that is no superuser,
 * and a state folder from a version that connected as the superuser is upgraded on start.
 */
class AppRoleTest {
    private Path state;

    @BeforeEach
    void folder() throws Exception {
        state = Files.createTempDirectory("app-role-test-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        try (var walk = Files.walk(state)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theServerConnectsAsANonSuperuserOwnerAndStillMigratesAndServes() throws Exception {
        try (CompoundGis app = CompoundGis.start(config())) {
            assertThat(query(app.dataSource(), "SELECT current_user")).isEqualTo("compound_gis_app");
            assertThat(query(app.dataSource(), "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("false");
            assertThat(query(app.dataSource(), "SELECT tableowner FROM pg_tables WHERE tablename = 'pipe'")).isEqualTo("compound_gis_app");
            assertThat(query(app.dataSource(), "SELECT count(*) FROM flyway_schema_history WHERE success")).isNotEqualTo("0");
            assertThat(get(app, "/collections/pipes/items?limit=1")).isEqualTo(200);
            execute(app.dataSource(), "INSERT INTO survey (title) VALUES ('written as the app role')");
        }
        assertThat(Files.exists(state.resolve("pg-app-credentials"))).isTrue();
    }

    @Test
    void aStateFolderWhoseSchemaTheSuperuserOwnsIsHandedToTheAppRole() throws Exception {
        makeOldStyleStateFolder();
        try (CompoundGis app = CompoundGis.start(config())) {
            assertThat(query(app.dataSource(), "SELECT current_user")).isEqualTo("compound_gis_app");
            assertThat(query(app.dataSource(), "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("false");
            assertThat(query(app.dataSource(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tableowner <> 'compound_gis_app' AND tablename <> 'spatial_ref_sys'")).isEqualTo("0");
            assertThat(query(app.dataSource(), "SELECT title FROM survey WHERE title = 'kept from the old version'"))
                    .isEqualTo("kept from the old version");
            execute(app.dataSource(), "INSERT INTO survey (title) VALUES ('written after the upgrade')");
            assertThat(get(app, "/collections")).isEqualTo(200);
        }
    }

    /** What an older version left: no app role, the database, schema and tables owned by the superuser. */
    private void makeOldStyleStateFolder() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start(state)) {
            ConnectionInfo admin = cluster.adminConnectionInfo();
            try (var pool = Database.pool(admin, 2)) {
                Database.migrate(pool, AppConfig.DEFAULT_WORKING_SRID);
                execute(pool, "INSERT INTO survey (title) VALUES ('kept from the old version')");
                execute(pool, "ALTER SCHEMA public OWNER TO compound_gis");
                execute(pool, "REASSIGN OWNED BY compound_gis_app TO compound_gis");
            }
            ConnectionInfo maintenance = admin.withDatabase("postgres");
            try (Connection c = DriverManager.getConnection(maintenance.jdbcUrl(), maintenance.user(), maintenance.password());
                 Statement s = c.createStatement()) {
                s.execute("DROP OWNED BY compound_gis_app");
                s.execute("DROP ROLE compound_gis_app");
            }
        }
        Files.delete(state.resolve("pg-app-credentials"));
    }

    private AppConfig config() {
        return new AppConfig(0, state, Optional.empty(), AppConfig.DEFAULT_WORKING_SRID, false);
    }

    private static int get(CompoundGis app, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String query(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
