package cn.compoundgis.tiles;

import static cn.compoundgis.tiles.TileClient.tileOver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.db.Database;
import cn.compoundgis.http.Json;
import cn.compoundgis.testing.TestDatabase;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dataset tile's layers made on two connections at once (tiles.json "layers"): the same bytes as on one, the second
 * connection used only when it sees the ETag's epochs, and never as many helpers as the pool has connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParallelLayersTest {
    private static final int WORKING_SRID = 4548;
    private TestServer server;
    private DataSource reads;
    private TileRules rules;
    private TileQueries queries;
    private List<TileRules.LayerRule> layers;
    private TileClient.Tile t001z16;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("parallel_layers_test", "/features/fixture.sql", false);
        reads = server.app().reads();
        rules = TileRules.load(Map.of());
        queries = new TileQueries(reads, WORKING_SRID, rules, TileMatrixSet.webMercatorQuad());
        layers = rules.layers().stream().filter(l -> l.shownAt(16)).toList();
        t001z16 = tileOver(server, 619030, 3552030, 16);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theLayersMadeOnTwoConnectionsAreTheTileMadeOnOneByteForByte() throws Exception {
        ParallelLayers parallel = new ParallelLayers(reads, queries, 2);
        try (Connection c = reads.getConnection()) {
            byte[] onOne = queries.tile(c, layers, 16, t001z16.col(), t001z16.row());
            assertThat(onOne.length).as("seven layers of T001").isGreaterThan(500);
            Map<String, Long> epochs = epochs(c);
            int onSecond = 0;
            for (int i = 0; i < 20; i++) {
                ParallelLayers.Made made = parallel.tile(c, epochs, layers, 16, t001z16.col(), t001z16.row());
                assertThat(made.tile()).isEqualTo(onOne);
                onSecond += made.layersOnSecondConnection();
            }
            assertThat(onSecond).as("layers of the 20 tiles made on the second connection").isPositive();
        }
    }

    @Test
    void aSecondConnectionThatSeesOlderEpochsMakesNoLayer() throws Exception {
        ParallelLayers parallel = new ParallelLayers(reads, queries, 2);
        try (Connection c = reads.getConnection()) {
            byte[] onOne = queries.tile(c, layers, 16, t001z16.col(), t001z16.row());
            Map<String, Long> newer = new HashMap<>(epochs(c));
            newer.replaceAll((collection, epoch) -> epoch + 1); // as if c had seen a commit the second one has not
            for (int i = 0; i < 5; i++) {
                ParallelLayers.Made made = parallel.tile(c, newer, layers, 16, t001z16.col(), t001z16.row());
                assertThat(made.tile()).isEqualTo(onOne);
                assertThat(made.layersOnSecondConnection()).isZero();
            }
        }
    }

    @Test
    void withoutHelpersOrWithOneLayerEveryTileIsMadeOnTheRequestsConnection() throws Exception {
        try (Connection c = reads.getConnection()) {
            Map<String, Long> epochs = epochs(c);
            ParallelLayers.Made none = new ParallelLayers(reads, queries, 0)
                    .tile(c, epochs, layers, 16, t001z16.col(), t001z16.row());
            assertThat(none.tile()).isEqualTo(queries.tile(c, layers, 16, t001z16.col(), t001z16.row()));
            assertThat(none.layersOnSecondConnection()).isZero();
            List<TileRules.LayerRule> pipes = List.of(rules.layer("pipes").orElseThrow());
            ParallelLayers.Made one = new ParallelLayers(reads, queries, 2)
                    .tile(c, epochs, pipes, 16, t001z16.col(), t001z16.row());
            assertThat(one.layersOnSecondConnection()).isZero();
        }
    }

    @Test
    void whenThePoolHasNoIdleConnectionTheTileIsMadeOnTheRequestsOwnWithoutWaiting() throws Exception {
        ConnectionInfo db = TestDatabase.server().withDatabase("parallel_layers_test");
        try (HikariDataSource pool = Database.pool(db, 2, 10_000, WORKING_SRID)) {
            TileQueries small = new TileQueries(pool, WORKING_SRID, rules, TileMatrixSet.webMercatorQuad());
            ParallelLayers parallel = new ParallelLayers(pool, small, 1);
            try (Connection c = pool.getConnection()) {
                byte[] onOne = small.tile(c, layers, 16, t001z16.col(), t001z16.row());
                Map<String, Long> epochs = epochs(c);
                try (Connection other = pool.getConnection()) { // another request holds the pool's last connection
                    long start = System.nanoTime();
                    ParallelLayers.Made made = parallel.tile(c, epochs, layers, 16, t001z16.col(), t001z16.row());
                    assertThat(made.layersOnSecondConnection()).isZero();
                    assertThat(made.tile()).isEqualTo(onOne);
                    assertThat((System.nanoTime() - start) / 1_000_000).as("ms, not the pool's wait").isLessThan(5_000);
                }
                int onSecond = 0;
                for (int i = 0; i < 20 && onSecond == 0; i++) {
                    waitForIdle(pool);
                    onSecond += parallel.tile(c, epochs, layers, 16, t001z16.col(), t001z16.row()).layersOnSecondConnection();
                }
                assertThat(onSecond).as("with an idle connection again, the second one helps").isPositive();
            }
        }
    }

    private static void waitForIdle(HikariDataSource pool) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (pool.getHikariPoolMXBean().getIdleConnections() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void moreHelperConnectionsThanThePoolLeavesForAFirstOneAreRefused() throws Exception {
        ObjectNode root;
        try (InputStream in = TileRules.class.getResourceAsStream(TileRules.RESOURCE)) {
            root = (ObjectNode) Json.MAPPER.readTree(in);
        }
        ConnectionInfo db = TestDatabase.server();
        try (HikariDataSource pool = Database.pool(db, 2)) {
            ((ObjectNode) root.get("layers")).put("helperConnections", 2);
            assertThatThrownBy(() -> TilesApi.helperConnections(pool, TileRules.parse(root, Map.of())))
                    .hasMessageContaining("layers.helperConnections 2 must be below the connection pool's size, 2");
            ((ObjectNode) root.get("layers")).put("helperConnections", 1);
            assertThat(TilesApi.helperConnections(pool, TileRules.parse(root, Map.of()))).isEqualTo(1);
        }
        ((ObjectNode) root.get("layers")).put("helperConnections", -1);
        assertThatThrownBy(() -> TileRules.parse(root, Map.of())).hasMessageContaining("must not be negative");
    }

    private Map<String, Long> epochs(Connection c) throws SQLException {
        return queries.epochs(c, layers.stream().map(l -> l.collection().id()).toList());
    }
}
