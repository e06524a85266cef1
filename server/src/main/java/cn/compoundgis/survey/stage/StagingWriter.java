package cn.compoundgis.survey.stage;

import cn.compoundgis.http.Json;
import cn.compoundgis.survey.crs.EpsgTransform;
import cn.compoundgis.survey.recognize.LayerKind;
import cn.compoundgis.survey.shapefile.ReaderLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams the staging rows of one layer into its staging table with COPY (text format), the fastest way
 * into PostgreSQL. Shapes arrive in the working CRS as EWKB: transformed here with proj4j, which agrees
 * with PostGIS ST_Transform to the millimetre (survey.crs tests).
 */
final class StagingWriter implements AutoCloseable {
    private static final int FLUSH_BYTES = 1 << 20;

    private final CopyIn copy;
    private final List<String> columns;
    private final LayerKind kind;
    private final int workingSrid;
    private final Optional<EpsgTransform> transform;
    private final WKBWriter wkb2d = new WKBWriter(2, true);
    private final WKBWriter wkb3d = new WKBWriter(3, true);
    private final GeometryFactory factory = new GeometryFactory();
    private final StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 4096);

    StagingWriter(Connection conn, LayerKind kind, int sourceSrid, int workingSrid) throws SQLException {
        this.columns = FeatureMappers.columns(kind);
        this.kind = kind;
        this.workingSrid = workingSrid;
        this.transform = sourceSrid == workingSrid ? Optional.empty() : Optional.of(EpsgTransform.between(sourceSrid, workingSrid));
        this.copy = conn.unwrap(PGConnection.class).getCopyAPI().copyIn(StageQueries.copyInto(kind, columns));
    }

    /**
     * Adds the row and answers its shape in the working CRS; empty, and nothing written, when the shape cannot be
     * brought into the working CRS (a vertex proj4j cannot transform comes out NaN): such a shape must never reach PostGIS.
     */
    Optional<Geometry> add(StagedFeature feature) throws SQLException {
        Geometry working = inWorkingCrs(feature.geometry());
        if (!saneCoordinates(working)) {
            return Optional.empty();
        }
        Map<String, Object> row = feature.columns();
        for (String column : columns) {
            appendValue(row.get(column));
            buffer.append('\t');
        }
        buffer.append(WKBWriter.toHex(writer(feature.geometry()).write(working)));
        buffer.append('\n');
        if (buffer.length() >= FLUSH_BYTES) {
            flush();
        }
        return Optional.of(working);
    }

    private static boolean saneCoordinates(Geometry g) {
        for (org.locationtech.jts.geom.Coordinate c : g.getCoordinates()) {
            if (!ReaderLimits.DEFAULTS.isSaneCoordinate(c.getX()) || !ReaderLimits.DEFAULTS.isSaneCoordinate(c.getY())) {
                return false;
            }
        }
        return true;
    }

    private Geometry inWorkingCrs(Geometry source) {
        Geometry g = transform.map(t -> t.apply(source)).orElse(source);
        if ((kind == LayerKind.COMPOUNDS || kind == LayerKind.BUILDINGS) && g instanceof Polygon p) {
            g = factory.createMultiPolygon(new Polygon[]{p}); // these tables hold multipolygons
        } else if (kind == LayerKind.COMPOUNDS || kind == LayerKind.BUILDINGS) {
            g = (MultiPolygon) g;
        }
        g.setSRID(workingSrid);
        return g;
    }

    /** A pipe keeps its Z when surveyed in 3-D; every other table is 2-D. */
    private WKBWriter writer(Geometry g) {
        return kind == LayerKind.PIPES && !Double.isNaN(g.getCoordinate().getZ()) ? wkb3d : wkb2d;
    }

    private void appendValue(Object value) {
        if (value == null) {
            buffer.append("\\N");
        } else if (value instanceof Map<?, ?> map) {
            appendText(toJson(map));
        } else if (value instanceof Boolean b) {
            buffer.append(b ? 't' : 'f');
        } else if (value instanceof LocalDate || value instanceof Number) {
            buffer.append(value);
        } else {
            appendText(value.toString());
        }
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped. */
    private void appendText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
    }

    void flush() throws SQLException {
        if (buffer.length() > 0) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }

    private static String toJson(Map<?, ?> value) {
        if (value.isEmpty()) {
            return "{}"; // most records: every field was recognised
        }
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends the COPY: the rows are in the table (inside the caller's transaction). */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            flush();
            copy.endCopy();
        }
    }
}
