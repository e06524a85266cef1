package cn.compoundgis.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Builds the synthetic city of bench/city.sql once per bench cluster: {@link #SEGMENTS} pipe segments in
 * compounds of {@link #SEGMENTS_PER_COMPOUND}. A cluster that already holds it is reused.
 */
final class CityBuilder {
    static final int SEGMENTS = 1_000_000;
    /** 2 directions × 10 streets × 10 segments × 6 networks. */
    static final int SEGMENTS_PER_COMPOUND = 1200;
    static final int GRID_COLUMNS = 29;
    static final double COMPOUND_PITCH_M = 220;
    static final double ORIGIN_EASTING = 520000;
    static final double ORIGIN_NORTHING = 3540000;

    private CityBuilder() {
    }

    static String compoundCode(int i) {
        return String.format("B%04d", i);
    }

    /** South-west corner (easting, northing) of compound i. */
    static double[] corner(int i) {
        return new double[]{ORIGIN_EASTING + (i % GRID_COLUMNS) * COMPOUND_PITCH_M,
                ORIGIN_NORTHING + (i / GRID_COLUMNS) * COMPOUND_PITCH_M};
    }

    /** Builds the city unless the database holds it already; prints what it did and how long it took. */
    static void ensure(DataSource dataSource, BenchReport report) throws SQLException, IOException {
        long existing = count(dataSource, "SELECT count(*) FROM pipe WHERE valid_to IS NULL");
        if (existing == SEGMENTS) {
            report.line("city: " + existing + " pipe segments already in the bench cluster (reused)");
            return;
        }
        if (existing != 0) {
            throw new IllegalStateException("the bench cluster holds " + existing + " pipes, not the city: remove"
                    + " BENCH_STATE (server/target/bench-state) and run again");
        }
        int compounds = (SEGMENTS + SEGMENTS_PER_COMPOUND - 1) / SEGMENTS_PER_COMPOUND;
        String sql = resource("/bench/city.sql").replace("{segments}", String.valueOf(SEGMENTS))
                .replace("{compounds}", String.valueOf(compounds));
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE pipe");
                s.execute("VACUUM ANALYZE pipe_point");
            }
        }
        report.line(String.format("city: built %d pipe segments in %d compounds, %d manholes, in %.0f s",
                count(dataSource, "SELECT count(*) FROM pipe"), compounds,
                count(dataSource, "SELECT count(*) FROM pipe_point"), (System.nanoTime() - start) / 1e9));
    }

    private static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CityBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
