package cn.compoundgis.features;

import cn.compoundgis.geo.Crs;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** Runs the features API's queries; streams rows of GeoJSON straight from PostGIS to the client. */
final class FeatureStore {
    /**
     * Rows per round trip of the cursor. The database waits while Java writes a batch on, so fewer batches are
     * faster (scripts/bench items: 500 rows gave 82-83 % of the floor's features/s, 1 000 rows 86 %); the heap holds
     * one batch, under 1 MB of pipes, whatever the page size.
     */
    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;
    private final FeatureQueries queries;

    FeatureStore(DataSource dataSource, int storageSrid) {
        this.dataSource = dataSource;
        this.queries = new FeatureQueries(storageSrid);
    }

    FeatureQueries queries() {
        return queries;
    }

    long count(FeatureCollection c, FeatureQueries.Where where) throws SQLException {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(queries.count(c, where))) {
            bind(ps, where.parameters(), conn);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** How many features a page wrote, and how many matched when the page's statement counted them. */
    record Streamed(long written, OptionalLong matched) {
    }

    /**
     * Writes the matching features to {@code out}, comma-separated, as the database produces them (a
     * server-side cursor: memory stays flat however many rows match).
     */
    Streamed streamFeatures(FeatureCollection c, Crs crs, FeatureQueries.Where where, int limit, long offset,
                            OutputStream out) throws SQLException, IOException {
        try (Connection conn = dataSource.getConnection()) {
            boolean autoCommit = conn.getAutoCommit();
            conn.setAutoCommit(false); // pgjdbc uses a cursor (fetch size) only inside a transaction
            try (PreparedStatement ps = conn.prepareStatement(queries.features(c, crs, where))) {
                ps.setFetchSize(FETCH_SIZE);
                int i = bind(ps, where.parameters(), conn);
                ps.setInt(i++, limit);
                ps.setLong(i, offset);
                long written = 0;
                OptionalLong matched = OptionalLong.empty();
                try (ResultSet rs = ps.executeQuery()) {
                    boolean counted = rs.getMetaData().getColumnCount() > 1;
                    while (rs.next()) {
                        if (written > 0) {
                            out.write(',');
                        } else if (counted) {
                            matched = OptionalLong.of(rs.getLong(FeatureQueries.MATCHED));
                        }
                        out.write(rs.getBytes(1)); // the row's text as the database sent it (UTF-8), not decoded
                        written++;
                    }
                }
                return new Streamed(written, matched);
            } finally {
                conn.rollback();
                conn.setAutoCommit(autoCommit);
            }
        }
    }

    Optional<String> feature(FeatureCollection c, Crs crs, long id) throws SQLException {
        FeatureQueries.Where where = queries.byId(id);
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(queries.features(c, crs, where))) {
            int i = bind(ps, where.parameters(), conn);
            ps.setInt(i++, 1);
            ps.setLong(i, 0);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** CRS84 extent [minLon, minLat, maxLon, maxLat] of the current features, empty when there are none. */
    Optional<double[]> extent(FeatureCollection c) throws SQLException {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(queries.extent(c));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getObject(1) == null) {
                return Optional.empty();
            }
            return Optional.of(new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
        }
    }

    /** The first and last instant of the kept versions (end empty while any is current); empty when there are none. */
    record TemporalExtent(OffsetDateTime start, Optional<OffsetDateTime> end) {
    }

    Optional<TemporalExtent> temporalExtent(FeatureCollection c) throws SQLException {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(queries.temporalExtent(c));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            OffsetDateTime start = rs.getObject(1, OffsetDateTime.class);
            if (start == null) {
                return Optional.empty();
            }
            boolean current = rs.getBoolean(2);
            return Optional.of(new TemporalExtent(start,
                    current ? Optional.empty() : Optional.ofNullable(rs.getObject(3, OffsetDateTime.class))));
        }
    }

    private static int bind(PreparedStatement ps, List<Object> parameters, Connection conn) throws SQLException {
        int i = 1;
        for (Object p : parameters) {
            if (p instanceof FeatureQueries.TextArray array) {
                ps.setArray(i++, conn.createArrayOf("text", array.values().toArray()));
            } else if (p instanceof OffsetDateTime t) {
                ps.setObject(i++, t);
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
    }
}
