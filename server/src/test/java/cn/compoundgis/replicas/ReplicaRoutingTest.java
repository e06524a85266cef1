package cn.compoundgis.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.CompoundGis;
import cn.compoundgis.config.AppConfig;
import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.db.PostgresCluster;
import com.zaxxer.hikari.HikariDataSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Read replicas on PostgreSQL's own streaming replication: a private primary cluster, a real replica of it made by
 * pg_basebackup, and the server with DATABASE_URL = the primary and DATABASE_REPLICA_URLS = the replica. With the
 * replica's replay paused, what the primary commits is not on the replica: a read that does not show it was served
 * by the replica. The last test kills the replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaRoutingTest {
    private static final String ADMIN_TOKEN = "cgis_replica-test-administrator-token-0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough for a replica to replay a few commits on a loaded test machine. */
    private static final long REPLAY_WAIT_MS = 60_000;
    private final HttpClient http = HttpClient.newHttpClient();
    private Path state;
    private PostgresCluster primary;
    private StreamingReplica replica;
    private CompoundGis server;
    private CompoundGis secondServer;

    @BeforeAll
    void start() throws Exception {
        state = StreamingReplica.testFolder("compound-gis-replica-test-");
        primary = PostgresCluster.start(state.resolve("primary"));
        replica = StreamingReplica.of(primary, state.resolve("replica"));
        // the lag limit is not what this test is about: a paused replica must stay in use however long it takes
        server = CompoundGis.start(config(primary.connectionInfo(), new ReplicaSettings(
                List.of(replica.connectionInfo()), 3600)));
    }

    @AfterAll
    void stop() throws IOException {
        for (AutoCloseable part : new AutoCloseable[]{secondServer, server, replica, primary}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    System.err.println("could not stop " + part + ": " + e);
                }
            }
        }
        if (state != null) {
            StreamingReplica.deleteTestFolder(state);
        }
        assertThat(state).doesNotExist();
    }

    @Test
    @Order(1)
    void readsAreServedByTheReplica() throws Exception {
        String tile = "/collections/compounds/tiles/WebMercatorQuad/10/0/0";
        String tileTag = send(server, null, tile, "GET", null).headers().firstValue("ETag").orElseThrow();
        replica.pauseReplay();
        try {
            primarySql("INSERT INTO compound (code, name, households) VALUES ('D001', '直写小区', 10)");
            assertThat(compoundsNamed(server, null, "D001")).as("the paused replica has not replayed the insert").isZero();
            assertThat(send(server, null, tile, "GET", null).headers().firstValue("ETag")).as("tiles read the replica too")
                    .contains(tileTag);
            assertThat(compoundsNamed(server, ADMIN_TOKEN, "D001")).as("nor for a user who has not written").isZero();
            assertThat(status(server, "/api/checks/network?compound=D001")).as("checks read the replica too").isEqualTo(404);

            // received but not replayed: behind by the time since its last replayed commit, more than 0 s
            awaitReceipt();
            try (CompoundGis strict = CompoundGis.start(config(primary.connectionInfo(), new ReplicaSettings(
                    List.of(replica.connectionInfo()), 0)))) {
                assertThat(compoundsNamed(strict, null, "D001")).as("a replica past REPLICA_MAX_LAG_SECONDS is skipped")
                        .isEqualTo(1);
            }
        } finally {
            replica.resumeReplay();
        }
        awaitReplay();
        assertThat(compoundsNamed(server, null, "D001")).isEqualTo(1);
        assertThat(status(server, "/api/checks/network?compound=D001")).isEqualTo(200);
        assertThat(send(server, null, tile, "GET", null).headers().firstValue("ETag")).as("the compounds' tile epoch replayed")
                .isPresent().get().isNotEqualTo(tileTag);
    }

    @Test
    @Order(2)
    void aUserReadsTheirOwnCommitFromThePrimaryWhileOthersWaitForTheReplica() throws Exception {
        replica.pauseReplay();
        try {
            HttpResponse<String> made = send(server, ADMIN_TOKEN, "/api/compounds?crs=EPSG:4548", "POST",
                    "{\"code\": \"R201\", \"name\": \"读己小区\", \"households\": 20}");
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);

            assertThat(compoundsNamed(server, ADMIN_TOKEN, "R201")).as("the writer reads their commit").isEqualTo(1);
            assertThat(compoundsNamed(server, null, "R201")).as("anyone else reads the paused replica").isZero();
        } finally {
            replica.resumeReplay();
        }
        awaitReplay();
        assertThat(compoundsNamed(server, null, "R201")).isEqualTo(1);
        assertThat(compoundsNamed(server, ADMIN_TOKEN, "R201")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void twoServersOnOneDatabaseEachSeeTheOthersCommitsAndTheirUsersOwnWrites() throws Exception {
        secondServer = CompoundGis.start(config(primary.connectionInfo(), new ReplicaSettings(
                List.of(replica.connectionInfo()), 3600)));
        assertThat(send(secondServer, null, "/collections", "GET", null).statusCode()).isEqualTo(200);
        replica.pauseReplay();
        try {
            HttpResponse<String> first = send(server, ADMIN_TOKEN, "/api/compounds?crs=EPSG:4548", "POST",
                    "{\"code\": \"R301\", \"name\": \"甲服务器小区\", \"households\": 30}");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            // read-your-writes is kept in the primary: the other server routes the writer alike
            assertThat(send(secondServer, ADMIN_TOKEN, "/api/compounds/R301", "GET", null).statusCode()).isEqualTo(200);
            assertThat(compoundsNamed(secondServer, ADMIN_TOKEN, "R301")).as("the writer, through the other server")
                    .isEqualTo(1);
            // a server just started reads from the primary while its replica pool has not yet connected (under load
            // that can take over the pool's 1 s wait, and the replica is then passed over for Replica.DOWN_FOR_MS)
            assertThat(eventually(() -> compoundsNamed(secondServer, null, "R301"), 0, Replica.DOWN_FOR_MS * 3))
                    .as("anyone else reads the paused replica").isZero();

            HttpResponse<String> second = send(secondServer, ADMIN_TOKEN, "/api/compounds?crs=EPSG:4548", "POST",
                    "{\"code\": \"R302\", \"name\": \"乙服务器小区\", \"households\": 40}");
            assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
            assertThat(compoundsNamed(server, ADMIN_TOKEN, "R302")).as("the writer, through the first server").isEqualTo(1);
            assertThat(compoundsNamed(server, null, "R302")).isZero();
        } finally {
            replica.resumeReplay();
        }
        awaitReplay();
        assertThat(compoundsNamed(server, null, "R302")).isEqualTo(1);
        assertThat(compoundsNamed(secondServer, null, "R301")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aConnectionAtOnceComesFromTheReplicaAndNotFromThePrimaryWhileEveryReplicaConnectionIsBusy() throws Exception {
        ReadRouting reads = server.reads();
        try (Connection c = reads.connectionAtOnce().orElseThrow()) {
            assertThat(inRecovery(c)).as("a tile's second connection comes from the replica").isTrue();
        }
        int poolSize = reads.unwrap(HikariDataSource.class).getMaximumPoolSize(); // the replica's pool is as large
        StreamingReplica.awaitFullPools(reads);
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < poolSize; i++) {
                held.add(reads.getConnection());
                assertThat(inRecovery(held.get(i))).as("read connection " + (i + 1)).isTrue();
            }
            Thread.sleep(2 * Replica.STATUS_CACHE_MS); // the replica's status must be asked again, with no connection free
            assertThat(reads.connectionAtOnce()).as("the primary's idle connections are not the replica's").isEmpty();
            try (Connection c = reads.getConnection()) {
                assertThat(inRecovery(c)).as("a read that waited in vain for the busy replica goes to the primary").isFalse();
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        try (Connection c = reads.getConnection()) {
            assertThat(inRecovery(c)).as("a busy replica was not taken for a dead one").isTrue();
        }
    }

    @Test
    @Order(5)
    void whenTheReplicaStopsReadsFallBackToThePrimary() throws Exception {
        replica.stopImmediately();
        primarySql("INSERT INTO compound (code, name, households) VALUES ('D002', '备用小区', 10)");
        for (int i = 0; i < 3; i++) {
            assertThat(compoundsNamed(server, null, "D002")).as("read " + (i + 1) + " after the stop").isEqualTo(1);
        }
        HttpResponse<String> search = send(server, null, "/api/compounds/search?q=D002", "GET", null);
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThat(status(server, "/api/dashboard")).isEqualTo(200);
        assertThat(status(server, "/api/checks/network?compound=D002")).isEqualTo(200);
        try (Connection c = server.reads().connectionAtOnce().orElseThrow()) {
            assertThat(inRecovery(c)).as("a tile's second connection from the primary").isFalse();
        }
    }

    private static boolean inRecovery(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static AppConfig config(ConnectionInfo database, ReplicaSettings replicas) {
        return new AppConfig(0, Path.of("unused-state"), Optional.of(database.jdbcUrlWithCredentials()),
                AppConfig.DEFAULT_WORKING_SRID, false).withAdminToken(ADMIN_TOKEN).withReplicas(replicas);
    }

    /** How many compounds /collections/compounds/items finds with {@code code}, as {@code token} (null: anonymous). */
    /** What {@code read} gives once it gives {@code wanted}, or after {@code withinMs} what it gave last. */
    private static int eventually(java.util.concurrent.Callable<Integer> read, int wanted, long withinMs) throws Exception {
        long deadline = System.currentTimeMillis() + withinMs;
        int got = read.call();
        while (got != wanted && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            got = read.call();
        }
        return got;
    }

    private int compoundsNamed(CompoundGis on, String token, String code) throws Exception {
        HttpResponse<String> r = send(on, token, "/collections/compounds/items?compound=" + code, "GET", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("features").size();
    }

    private int status(CompoundGis on, String path) throws Exception {
        return send(on, null, path, "GET", null).statusCode();
    }

    private HttpResponse<String> send(CompoundGis on, String token, String path, String method, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + on.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Runs {@code sql} on the primary as the application, not through the server. */
    private void primarySql(String sql) throws SQLException {
        ConnectionInfo app = primary.connectionInfo();
        try (Connection c = DriverManager.getConnection(app.jdbcUrl(), app.user(), app.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Waits until the replica has replayed all the primary has written by now (not a timing: a condition). */
    private void awaitReplay() throws Exception {
        String lsn = primaryLsn();
        long deadline = System.currentTimeMillis() + REPLAY_WAIT_MS;
        while (!replica.hasReplayed(lsn)) {
            assertThat(System.currentTimeMillis()).as("the replica replays " + lsn).isLessThan(deadline);
            Thread.sleep(20);
        }
        // the server looks at the replica's position at most every Replica.STATUS_CACHE_MS
        Thread.sleep(Replica.STATUS_CACHE_MS * 2);
    }

    /** Waits until the replica has received (not necessarily replayed) all the primary has written by now. */
    private void awaitReceipt() throws Exception {
        String lsn = primaryLsn();
        long deadline = System.currentTimeMillis() + REPLAY_WAIT_MS;
        while (!replica.hasReceived(lsn)) {
            assertThat(System.currentTimeMillis()).as("the replica receives " + lsn).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private String primaryLsn() throws SQLException {
        ConnectionInfo app = primary.connectionInfo();
        try (Connection c = DriverManager.getConnection(app.jdbcUrl(), app.user(), app.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
