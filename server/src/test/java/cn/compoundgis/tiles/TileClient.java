package cn.compoundgis.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helpers: a tile's address over a point, tiles as bytes, and GDAL's MVT driver reading them. */
final class TileClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TileClient() {
    }

    /** Zoom, row (from the top) and column of the WebMercatorQuad tile over a point of EPSG:4548, as PostGIS has it. */
    record Tile(int z, long row, long col) {
        String path() {
            return z + "/" + row + "/" + col;
        }
    }

    static Tile tileOver(TestServer server, double easting, double northing, int z) throws SQLException {
        String sql = "WITH p AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4548), 3857) AS g),"
                + " s AS (SELECT 2 * 20037508.342789244 / (2 ^ ?) AS size)"
                + " SELECT floor((20037508.342789244 - ST_Y(g)) / size), floor((ST_X(g) + 20037508.342789244) / size) FROM p, s";
        try (Connection c = server.app().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDouble(1, easting);
            ps.setDouble(2, northing);
            ps.setInt(3, z);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Tile(z, rs.getLong(1), rs.getLong(2));
            }
        }
    }

    static HttpResponse<byte[]> get(TestServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder request = server.request(path).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The tile written as {@code dir/z-x-y.mvt}, the name GDAL's MVT driver georeferences by. */
    static Path save(Path dir, Tile tile, byte[] body) throws IOException {
        return Files.write(dir.resolve(tile.z() + "-" + tile.col() + "-" + tile.row() + ".mvt"), body);
    }

    /** ogrinfo's output; it must succeed. */
    static String ogrinfo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ogrinfo"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }
}
