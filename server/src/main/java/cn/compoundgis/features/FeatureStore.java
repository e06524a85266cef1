package cn.compoundgis.features;

import cn.compoundgis.db.InlineParameters;
import cn.compoundgis.geo.Crs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** Runs the features API's queries; streams the rows to the client as GeoJSON Features as they come. */
final class FeatureStore {
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
     * Writes the matching features to {@code out}, comma-separated, as the database produces them: the page's
     * statement runs as a COPY ({@link CopyRows}), its values written in by {@link InlineParameters}, and each row
     * is written as it comes (memory stays flat however many rows match).
     */
    Streamed streamFeatures(FeatureCollection c, Crs crs, FeatureQueries.Where where, int limit, long offset,
                            OutputStream out) throws SQLException, IOException {
        List<Object> parameters = queries.pageParameters(where, limit, offset);
        String page = InlineParameters.render(queries.features(c, crs, where, FeatureQueries.Transfer.COPY), parameters);
        // FeatureQueries.features: a bbox page counts its matches in its last column
        int countColumn = where.spatial() ? FeatureJson.FIRST_PROPERTY_COLUMN + c.properties().size() : 0;
        int columns = FeatureJson.FIRST_PROPERTY_COLUMN - 1 + c.properties().size() + (countColumn > 0 ? 1 : 0);
        try (Connection conn = dataSource.getConnection()) { // the pools' autocommit: the COPY is its own transaction
            FeatureJson json = new FeatureJson(c.properties());
            RowPipeline.Result result = RowPipeline.run(CopyRows.start(conn, page, columns), countColumn,
                    row -> json.append(row, out));
            json.flush(out);
            return new Streamed(result.written(), result.matched());
        }
    }

    Optional<String> feature(FeatureCollection c, Crs crs, long id) throws SQLException, IOException {
        FeatureQueries.Where where = queries.byId(id);
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement(queries.features(c, crs, where, FeatureQueries.Transfer.RESULT_SET))) {
            int i = bind(ps, where.parameters(), conn);
            ps.setInt(i++, 1);
            ps.setLong(i, 0);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                FeatureJson json = new FeatureJson(c.properties());
                json.append(TextRow.of(rs, rs.getMetaData().getColumnCount()), out);
                json.flush(out);
                return Optional.of(out.toString(StandardCharsets.UTF_8));
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
            if (p instanceof List<?> texts) { // FeatureQueries.Where: a text array
                ps.setArray(i++, conn.createArrayOf("text", texts.toArray()));
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
    }
}
