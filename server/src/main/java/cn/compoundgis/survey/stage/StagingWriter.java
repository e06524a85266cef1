package cn.compoundgis.survey.stage;

import cn.compoundgis.survey.recognize.LayerKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.locationtech.jts.io.WKBWriter;

/** Inserts staging rows of one layer in batches; PostGIS transforms each shape into the working CRS. */
final class StagingWriter implements AutoCloseable {
    private static final int BATCH = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PreparedStatement insert;
    private final List<String> columns;
    private final WKBWriter wkb2d = new WKBWriter(2);
    private final WKBWriter wkb3d;
    private int pending;

    StagingWriter(Connection conn, LayerKind kind, int sourceSrid, int workingSrid) throws SQLException {
        this.columns = FeatureMappers.columns(kind);
        this.wkb3d = kind == LayerKind.PIPES ? new WKBWriter(3) : wkb2d;
        String geometry = "ST_Transform(ST_SetSRID(ST_GeomFromWKB(?), " + sourceSrid + "), " + workingSrid + ")";
        String shaped = switch (kind) {
            case PIPES -> geometry; // a pipe keeps its Z when surveyed in 3-D
            case COMPOUNDS, BUILDINGS -> "ST_Multi(" + geometry + ")";
            default -> geometry;
        };
        String sql = "INSERT INTO " + kind.stagedTable() + " (" + String.join(", ", columns) + ", geom) VALUES ("
                + columns.stream().map(c -> c.equals("extra") ? "?::jsonb" : "?").collect(Collectors.joining(", "))
                + ", " + shaped + ")";
        this.insert = conn.prepareStatement(sql);
    }

    void add(StagedFeature feature) throws SQLException {
        int i = 1;
        Map<String, Object> row = feature.columns();
        for (String column : columns) {
            Object value = row.get(column);
            if (value == null) {
                insert.setNull(i++, Types.NULL);
            } else if (column.equals("extra")) {
                insert.setString(i++, toJson(value));
            } else {
                insert.setObject(i++, value);
            }
        }
        boolean hasZ = !Double.isNaN(feature.geometry().getCoordinate().getZ());
        insert.setBytes(i, (hasZ ? wkb3d : wkb2d).write(feature.geometry()));
        insert.addBatch();
        if (++pending >= BATCH) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        insert.close();
    }
}
