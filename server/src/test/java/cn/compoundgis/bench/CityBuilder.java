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
 * Builds the synthetic city once per bench cluster: {@link #SEGMENTS} pipe segments in compounds of
 * {@link #SEGMENTS_PER_COMPOUND} (bench/city.sql), and the register of {@link #REGISTER_COMPOUNDS} compounds on the
 * same grid (bench/city-register.sql): the first {@link #compoundsWithPipes()} hold the pipes, the others are
 * registered with their fields and boundaries but not yet surveyed. A cluster that already holds either is reused.
 */
final class CityBuilder {
    static final int SEGMENTS = 1_000_000;
    /** 2 directions × 10 streets × 10 segments × 6 networks. */
    static final int SEGMENTS_PER_COMPOUND = 1200;
    /** Issue 11: the dashboard and the search are measured on a register of this many compounds. */
    static final int REGISTER_COMPOUNDS = 5_000;
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

    static int compoundsWithPipes() {
        return (SEGMENTS + SEGMENTS_PER_COMPOUND - 1) / SEGMENTS_PER_COMPOUND;
    }

    /** Builds the city unless the database holds it already; prints what it did and how long it took. */
    static void ensure(DataSource dataSource, BenchReport report) throws SQLException, IOException {
        ensurePipes(dataSource, report);
        ensureRegister(dataSource, report);
    }

    private static void ensurePipes(DataSource dataSource, BenchReport report) throws SQLException, IOException {
        // the city's own pipes: other benchmarks (import) add compounds of their own
        long existing = count(dataSource, "SELECT count(*) FROM pipe WHERE valid_to IS NULL AND compound_code LIKE 'B%'");
        if (existing == SEGMENTS) {
            report.line("city: " + existing + " pipe segments already in the bench cluster (reused)");
            return;
        }
        if (existing != 0) {
            throw new IllegalStateException("the bench cluster holds " + existing + " pipes, not the city: remove"
                    + " BENCH_STATE (server/target/bench-state) and run again");
        }
        int compounds = compoundsWithPipes();
        String sql = resource("/bench/city.sql").replace("{segments}", String.valueOf(SEGMENTS))
                .replace("{compounds}", String.valueOf(compounds));
        long start = System.nanoTime();
        loadThenAnalyze(dataSource, sql, "pipe", "pipe_point");
        report.line(String.format("city: built %d pipe segments in %d compounds, %d manholes, in %.0f s",
                count(dataSource, "SELECT count(*) FROM pipe"), compounds,
                count(dataSource, "SELECT count(*) FROM pipe_point"), (System.nanoTime() - start) / 1e9));
    }

    /** Runs a generated SQL script in one transaction, then gives the planner fresh statistics of the tables it filled. */
    private static void loadThenAnalyze(DataSource dataSource, String sql, String... tables) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                for (String table : tables) {
                    s.execute("VACUUM ANALYZE " + table);
                }
            }
        }
    }

    /** The register: added to a cluster built before it existed, so an older bench state keeps its pipes. */
    private static void ensureRegister(DataSource dataSource, BenchReport report) throws SQLException, IOException {
        String current = "SELECT count(*) FROM compound WHERE valid_to IS NULL AND code LIKE 'B%'";
        long existing = count(dataSource, current);
        if (existing == REGISTER_COMPOUNDS) {
            report.line("register: " + existing + " compounds already in the bench cluster (reused)");
            return;
        }
        if (existing != 0) {
            throw new IllegalStateException("the bench cluster holds " + existing + " city compounds, not "
                    + REGISTER_COMPOUNDS + ": remove BENCH_STATE (server/target/bench-state) and run again");
        }
        String sql = resource("/bench/city-register.sql").replace("{compounds}", String.valueOf(REGISTER_COMPOUNDS));
        long start = System.nanoTime();
        loadThenAnalyze(dataSource, sql, "compound", "compound_item");
        report.line(String.format("register: %d compounds (%d with pipes), %d versions, %d items, in %.1f s",
                count(dataSource, current), compoundsWithPipes(), count(dataSource, "SELECT count(*) FROM compound WHERE code LIKE 'B%'"),
                count(dataSource, "SELECT count(*) FROM compound_item WHERE compound_code LIKE 'B%'"),
                (System.nanoTime() - start) / 1e9));
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
