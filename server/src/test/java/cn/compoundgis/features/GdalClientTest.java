package cn.compoundgis.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.compoundgis.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GDAL's OGC API - Features driver (ogrinfo "OAPIF:...") is a real client: it must read what we serve. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GdalClientTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("gdal_client_test", "/features/fixture.sql", false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void ogrinfoListsEveryCollection() throws Exception {
        String out = ogrinfo("-ro", "-q", "OAPIF:" + server.baseUrl());
        assertThat(out).contains("compounds", "buildings", "pipes", "pipe-points", "fire-lanes", "parking", "obstacles");
    }

    @Test
    void ogrinfoCountsAsManyPipesAsNumberMatched() throws Exception {
        long matched = server.getJson("/collections/pipes/items").get("numberMatched").asLong();
        String summary = ogrinfo("-ro", "-so", "OAPIF:" + server.baseUrl(), "pipes");
        Matcher count = Pattern.compile("Feature Count: (\\d+)").matcher(summary);
        assertThat(count.find()).as(summary).isTrue();
        assertThat(Long.parseLong(count.group(1))).isEqualTo(matched);
    }

    @Test
    void ogrinfoPlacesAPointWhereItWasSurveyed() throws Exception {
        // YS1 was surveyed at easting 619010, northing 3552010 (EPSG:4548): reproject GDAL's reading back there.
        String out = ogrinfo("-ro", "-al", "-q", "-where", "point_no = 'YS1'", "OAPIF:" + server.baseUrl(), "pipe-points");
        Matcher point = Pattern.compile("POINT \\(([-0-9.]+) ([-0-9.]+)\\)").matcher(out);
        assertThat(point.find()).as(out).isTrue();
        double lon = Double.parseDouble(point.group(1));
        double lat = Double.parseDouble(point.group(2));
        double[] gk = toWorkingCrs(lon, lat);
        assertThat(gk[0]).isCloseTo(619010.0, within(0.01));
        assertThat(gk[1]).isCloseTo(3552010.0, within(0.01));
        assertThat(out).contains("检修井");
    }

    private double[] toWorkingCrs(double lon, double lat) throws Exception {
        try (var c = server.app().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT ST_X(p), ST_Y(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 4548) p")) {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return new double[]{rs.getDouble(1), rs.getDouble(2)};
            }
        }
    }

    private static String ogrinfo(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("ogrinfo"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }
}
