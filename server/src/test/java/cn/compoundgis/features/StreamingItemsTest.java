package cn.compoundgis.features;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pages far larger than a hand-over of rows, and the hand-over between the thread that reads the cursor and the
 * thread that writes the answer ({@link RowPipeline}) through a COPY ({@link CopyRows}): every feature arrives once, in order, and a client that goes
 * away mid-page gives its connection back to the pool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingItemsTest {
    private static final int COPIES = 12_000;
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("streaming_items_test", "/features/fixture.sql", false);
        try (Connection c = server.app().dataSource().getConnection(); Statement s = c.createStatement()) {
            // copies of the first pipe, each a metre further east, with ids and source ids of their own
            // the pipe's stored columns, without the one PostgreSQL generates (geojson_crs84, the last)
            s.execute("CREATE TEMP TABLE first_pipe AS SELECT * FROM pipe WHERE id = (SELECT min(id) FROM pipe)");
            s.execute("ALTER TABLE first_pipe DROP COLUMN " + FeatureQueries.STORED_CRS84_GEOJSON);
            s.execute("INSERT INTO pipe SELECT (jsonb_populate_record(p, jsonb_build_object('id', 1000000 + g,"
                    + " 'source_id', 'COPY-' || g, 'road', 'road \"' || g || '\"'))).* FROM first_pipe p, generate_series(1, "
                    + COPIES + ") g");
            s.execute("UPDATE pipe SET geom = ST_Translate(geom, id - 1000000, 0) WHERE id > 1000000");
            s.execute("ANALYZE pipe");
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void anInterruptedRequestWaitsForItsReaderBeforeItsConnectionIsUsedAgain() throws Exception {
        try (Connection c = server.app().dataSource().getConnection()) {
            RowPipeline.RowSource rows = CopyRows.start(c, "SELECT g FROM generate_series(1, 1000000) g", 1);
            CountDownLatch writing = new CountDownLatch(1);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread request = new Thread(() -> {
                try {
                    RowPipeline.run(rows, 0, row -> {
                        writing.countDown();
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // a slow client: the reader waits
                    });
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            request.start();
            assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
            request.interrupt();
            request.join(30_000);
            assertThat(request.isAlive()).isFalse();
            assertThat(thrown.get()).as("the page is abandoned").isInstanceOf(IOException.class);
            assertThat(readersReading()).as("the reader had stopped when the request's thread went on").isZero();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    private static long readersReading() {
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> java.util.Arrays.stream(stack).anyMatch(frame -> frame.getClassName()
                        .equals(RowPipeline.class.getName()) && frame.getMethodName().equals("read")))
                .count();
    }

    @Test
    void aLargePageHasEveryFeatureOnceAndInOrder() {
        long current = count("SELECT count(*) FROM pipe WHERE valid_to IS NULL");
        JsonNode page = server.getJson("/collections/pipes/items?limit=10000");
        JsonNode features = page.get("features");
        assertThat(features.size()).isEqualTo(10_000);
        assertThat(page.get("numberReturned").asLong()).isEqualTo(10_000);
        assertThat(page.get("numberMatched").asLong()).isEqualTo(current);
        long previous = Long.MIN_VALUE;
        for (JsonNode f : features) {
            assertThat(f.get("id").asLong()).isGreaterThan(previous);
            previous = f.get("id").asLong();
        }
        JsonNode copy = features.get(features.size() - 1).get("properties");
        assertThat(copy.get("source_id").asText()).startsWith("COPY-");
        assertThat(copy.get("road").asText()).isEqualTo("road \"" + copy.get("source_id").asText().substring(5) + "\"");
    }

    @Test
    void aBboxPageCountsItsMatchesAndPagesOn() {
        String bbox = "/collections/pipes/items?limit=5000&bbox=" + everything();
        JsonNode first = server.getJson(bbox);
        JsonNode second = server.getJson(bbox + "&offset=5000");
        long matched = first.get("numberMatched").asLong();
        assertThat(matched).isGreaterThan(COPIES);
        assertThat(second.get("numberMatched").asLong()).isEqualTo(matched);
        assertThat(first.get("features").size()).isEqualTo(5000);
        // the pages follow in id order; each is written in the order the table stores its features
        assertThat(ids(second).stream().mapToLong(Long::longValue).min().orElseThrow())
                .isGreaterThan(ids(first).stream().mapToLong(Long::longValue).max().orElseThrow());
        assertThat(ids(first)).doesNotHaveDuplicates().hasSize(5000);
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("features").forEach(f -> ids.add(f.get("id").asLong()));
        return ids;
    }

    @Test
    void aClientThatAcceptsGzipGetsThePageCompressed() throws Exception {
        String page = "/collections/pipes/items?limit=5000&bbox=" + everything();
        HttpResponse<InputStream> gzipped = HttpClient.newHttpClient().send(server.request(page)
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        byte[] compressed = gzipped.body().readAllBytes();
        JsonNode unzipped = TestServer.parse(new String(new GZIPInputStream(new ByteArrayInputStream(compressed))
                .readAllBytes(), StandardCharsets.UTF_8));
        HttpResponse<String> plain = server.get(page);
        assertThat(plain.headers().firstValue("Content-Encoding")).as("a client that does not ask").isEmpty();
        JsonNode asIs = TestServer.parse(plain.body());
        assertThat(unzipped.get("features")).isEqualTo(asIs.get("features"));
        assertThat(unzipped.get("numberMatched")).isEqualTo(asIs.get("numberMatched"));
        assertThat(compressed.length).as("bytes on the wire").isLessThan(plain.body().length() / 4);
    }

    @Test
    void aClientThatLeavesMidPageGivesTheConnectionBack() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (Socket socket = new Socket("localhost", server.app().port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET /collections/pipes/items?limit=10000 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + TestServer.ADMIN_TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] head = in.readNBytes(64 * 1024);
                assertThat(new String(head, StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
            } // closed with most of the page unread
        }
        long deadline = System.currentTimeMillis() + 20_000;
        while (server.app().dataSource().getHikariPoolMXBean().getActiveConnections() > 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.app().dataSource().getHikariPoolMXBean().getActiveConnections()).isZero();
        assertThat(server.getJson("/collections/pipes/items?limit=10000").get("numberReturned").asLong()).isEqualTo(10_000);
    }

    private String everything() {
        JsonNode box = server.getJson("/collections/pipes").at("/extent/spatial/bbox/0");
        return (box.get(0).asDouble() - 0.01) + "," + (box.get(1).asDouble() - 0.01) + ","
                + (box.get(2).asDouble() + 0.05) + "," + (box.get(3).asDouble() + 0.01);
    }

    private long count(String sql) {
        try {
            return server.count(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
