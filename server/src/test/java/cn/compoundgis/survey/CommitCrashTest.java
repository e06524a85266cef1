package cn.compoundgis.survey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.testing.ServerProcess;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server killed in the middle of a commit leaves the compound's previous data intact: the commit is one
 * transaction, and a transaction whose client died is never committed. The commit is caught mid-way
 * deterministically: the test holds a lock on a staging table the commit clears at its end, so the commit, having
 * already closed the old versions, written the new ones and marked the survey committed, waits on its last
 * statements; then the server is killed.
 */
class CommitCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path state;
    private ServerProcess server;

    @BeforeEach
    void folder() throws Exception {
        server = ServerProcess.inNewStateFolder("commit-crash-test-");
        state = server.state();
    }

    @AfterEach
    void cleanUp() throws Exception {
        server.close();
    }

    @Test
    void aServerKilledDuringACommitLeavesThePreviousDataIntact() throws Exception {
        server.start();
        String rain = "/collections/pipes/items?compound=C001&network=YS&limit=1000";
        long sizesBefore = sumOfDiameters(server.getJson(rain));
        long surveyId = uploadBiggerRainPipes(server.getJson(rain + "&crs=EPSG:4548"));

        ConnectionInfo db = server.database();
        CompletableFuture<HttpResponse<String>> commit;
        try (Connection blocker = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            blocker.setAutoCommit(false);
            try (PreparedStatement hold = blocker.prepareStatement("LOCK TABLE staged_parking_stall IN SHARE MODE")) {
                hold.execute(); // the commit clears this table after all its writes: it will wait there
            }
            commit = HttpClient.newHttpClient().sendAsync(server.request("/api/surveys/" + surveyId + "/commit")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            awaitCommitWaitingOnItsLastStep(db);
            server.kill();
            blocker.rollback();
        }
        assertThat(commit.handle((r, e) -> e != null || r.statusCode() >= 500).get(30, TimeUnit.SECONDS))
                .as("the commit never answered success").isTrue();

        server.start();
        assertThat(sumOfDiameters(server.getJson(rain))).as("previous data intact").isEqualTo(sizesBefore);
        assertThat(server.get("/api/surveys/" + surveyId + "/diff").statusCode()).as("still staged").isEqualTo(200);

        commitsTheBiggerPipes(surveyId, rain, sizesBefore);
    }

    /**
     * A staged survey survives a database crash: one backend killed with SIGKILL (what a segfault in PostGIS does)
     * makes PostgreSQL end every backend and run crash recovery, which empties unlogged tables.
     */
    @Test
    void aStagedSurveySurvivesACrashOfTheDatabase() throws Exception {
        server.start();
        String rain = "/collections/pipes/items?compound=C001&network=YS&limit=1000";
        long sizesBefore = sumOfDiameters(server.getJson(rain));
        long surveyId = uploadBiggerRainPipes(server.getJson(rain + "&crs=EPSG:4548"));

        crashTheDatabase(server.database());

        JsonNode staged = awaitAnswer("/api/surveys?compound=C001&status=staged");
        assertThat(staged.get("surveys").findValuesAsText("survey_id")).contains(String.valueOf(surveyId));
        JsonNode report = server.getJson("/api/surveys/" + surveyId + "/report");
        assertThat(report.get("status").asText()).isEqualTo("staged");
        assertThat(server.get("/api/surveys/" + surveyId + "/diff").statusCode()).isEqualTo(200);
        commitsTheBiggerPipes(surveyId, rain, sizesBefore);
    }

    /**
     * PostgreSQL itself killed with SIGKILL, postmaster and every backend at once (as the OOM killer or a power
     * cut would): the server starts its cluster again by itself, and the staged survey is still committable.
     */
    @Test
    void aStagedSurveyIsCommittableAfterPostgresIsKilledAndStartedAgain() throws Exception {
        server.start();
        String rain = "/collections/pipes/items?compound=C001&network=YS&limit=1000";
        long sizesBefore = sumOfDiameters(server.getJson(rain));
        long surveyId = uploadBiggerRainPipes(server.getJson(rain + "&crs=EPSG:4548"));
        long postmaster = postmasterPid();

        ProcessHandle pg = ProcessHandle.of(postmaster).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(pg.descendants().toList());
        all.add(0, pg);
        for (ProcessHandle p : all) {
            new ProcessBuilder("kill", "-KILL", String.valueOf(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(pg.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();

        JsonNode staged = awaitAnswer("/api/surveys?compound=C001&status=staged");
        assertThat(postmasterPid()).as("a new postmaster").isNotEqualTo(postmaster);
        assertThat(staged.get("surveys").findValuesAsText("survey_id")).contains(String.valueOf(surveyId));
        commitsTheBiggerPipes(surveyId, rain, sizesBefore);
    }

    /** The staged survey commits, and every rain pipe is then 100 mm larger than before the upload. */
    private void commitsTheBiggerPipes(long surveyId, String rain, long sizesBefore) throws Exception {
        HttpResponse<String> commit = HttpClient.newHttpClient().send(server.request("/api/surveys/" + surveyId + "/commit").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        JsonNode after = server.getJson(rain);
        assertThat(sumOfDiameters(after)).isEqualTo(sizesBefore + 100L * after.get("numberMatched").asLong());
    }

    private long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(state.resolve("pg/data/postmaster.pid")).get(0).strip());
    }

    /** SIGKILL to one backend; returns when the cluster accepts connections again after its crash recovery. */
    private static void crashTheDatabase(ConnectionInfo db) throws Exception {
        long pid;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getLong(1);
            Process kill = new ProcessBuilder("kill", "-KILL", String.valueOf(pid)).redirectErrorStream(true).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -KILL " + pid).isTrue();
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 ResultSet rs = c.createStatement().executeQuery("SELECT pg_postmaster_start_time() < now() - interval '0 s'")) {
                rs.next();
                return;
            } catch (java.sql.SQLException recovering) {
                // the cluster is in crash recovery
            }
        }
        throw new AssertionError("PostgreSQL did not come back within 60 s of the crash");
    }

    /** The server's pool may hand out a connection broken by the crash once; the next request gets a fresh one. */
    private JsonNode awaitAnswer(String path) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = server.get(path);
            if (last.statusCode() == 200) {
                return TestServer.parse(last.body());
            }
            Thread.sleep(300);
        }
        throw new AssertionError("GET " + path + " never answered 200 after the crash; last: " + last.statusCode() + " " + last.body());
    }

    /** The commit has closed the old versions and written the new ones, and now waits for our lock. */
    private static void awaitCommitWaitingOnItsLastStep(ConnectionInfo db) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        // its own connection, outside any transaction: pg_stat_activity is a snapshot per transaction
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    + "AND query LIKE 'DELETE FROM staged_parking_stall %'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the commit never reached its last step");
    }

    /** Re-delivers C001's rain pipes, each 100 mm larger, as a GBK shapefile zip; returns the staged survey. */
    private long uploadBiggerRainPipes(JsonNode current) throws Exception {
        ObjectNode fc = JSON.createObjectNode();
        fc.put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        for (JsonNode f : current.get("features")) {
            ObjectNode out = features.addObject();
            out.put("type", "Feature");
            ObjectNode p = out.putObject("properties");
            p.put("起点点号", f.at("/properties/start_no").asText());
            p.put("终点点号", f.at("/properties/end_no").asText());
            p.put("管径", "DN" + (f.at("/properties/dn_mm").asInt() + 100));
            ObjectNode g = out.putObject("geometry");
            g.put("type", "LineString");
            ArrayNode coords = g.putArray("coordinates");
            for (JsonNode c : f.at("/geometry/coordinates")) {
                coords.addArray().add(c.get(1).asDouble()).add(c.get(0).asDouble()); // EPSG:4548 is northing first
            }
        }
        Path dir = Files.createDirectories(state.resolve("upload"));
        Files.writeString(dir.resolve("in.json"), JSON.writeValueAsString(fc));
        Process p = new ProcessBuilder("ogr2ogr", "-f", "ESRI Shapefile", "-a_srs", "EPSG:4548", "-lco", "ENCODING=CP936",
                dir.resolve("雨水管线.shp").toString(), dir.resolve("in.json").toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        Files.delete(dir.resolve("in.json"));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip, Charset.forName("GB18030")); var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.putNextEntry(new ZipEntry(f.getFileName().toString()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        HttpResponse<String> response = new Multipart().file("rain.zip", zip.toByteArray()).field("compound", "C001")
                .post(server.baseUrl() + "/api/surveys");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode report = TestServer.parse(response.body());
        assertThat(report.get("error_count").asInt()).isZero();
        return report.get("survey_id").asLong();
    }

    private static long sumOfDiameters(JsonNode fc) {
        long sum = 0;
        for (JsonNode f : fc.get("features")) {
            sum += f.at("/properties/dn_mm").asLong();
        }
        return sum;
    }

}
