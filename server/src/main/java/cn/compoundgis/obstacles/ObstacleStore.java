package cn.compoundgis.obstacles;

import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.db.Compounds;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.PostgisInput;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;

/**
 * Every SQL statement of the obstacle reports. A report and its photo are written in one transaction; a
 * status change closes the current version (valid_to) and adds the next one, in one transaction, so the
 * history of an obstacle is its versions (same compound_code and source_id).
 */
final class ObstacleStore {
    /** Field reports get source ids WEB-<first version id>, so their versions stay together. */
    private static final String REPORT_PREFIX = "WEB-";

    private final DataSource dataSource;
    private final int workingSrid;

    ObstacleStore(DataSource dataSource, int workingSrid) {
        this.dataSource = dataSource;
        this.workingSrid = workingSrid;
    }

    /** Stores a report; returns the new obstacle's id. */
    long create(ObstacleReport report, Crs inputCrs) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String geometry = storedGeometry(c, report.geometryJson(), inputCrs);
                String compound = compoundOf(c, geometry, report.compound());
                Long photoId = report.photo() == null ? null : insertPhoto(c, report.photo());
                long id = nextObstacleId(c);
                insertObstacle(c, id, report, compound, geometry, photoId);
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The checked geometry (easting first) as EWKB hex in the working CRS, refused with a 400 when it is invalid. */
    private String storedGeometry(Connection c, String geoJson, Crs crs) throws SQLException {
        String expr = PostgisInput.geometry(CheckRequests.posted(crs), workingSrid);
        String sql = "SELECT ST_IsValid(g), ST_IsValidReason(g), ST_AsEWKB(g) FROM (SELECT " + expr + " AS g) x";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, geoJson);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw ApiError.badParameter("geometry is not valid: " + rs.getString(2));
                }
                return java.util.HexFormat.of().formatHex(rs.getBytes(3));
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("XX")) {
                c.rollback();
                throw ApiError.badParameter("geometry could not be read as GeoJSON in " + crs.uri() + ": " + e.getMessage());
            }
            throw e;
        }
    }

    private String compoundOf(Connection c, String geometry, String asked) throws SQLException {
        String sql = "SELECT code FROM compound WHERE valid_to IS NULL AND ST_Intersects(geom, ST_GeomFromEWKB(decode(?, 'hex')))"
                + " AND (?::text IS NULL OR code = ?) ORDER BY code LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, geometry);
            ps.setString(2, asked);
            ps.setString(3, asked);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
        }
        if (asked == null) {
            throw ApiError.badParameter("the obstacle lies in no compound; report it inside one (or name it with compound=)");
        }
        if (!Compounds.isCurrent(c, asked)) {
            throw ApiError.notFound("no compound " + asked);
        }
        throw ApiError.badParameter("the obstacle lies outside compound " + asked);
    }


    private static long insertPhoto(Connection c, Photo photo) throws SQLException {
        String sql = "INSERT INTO obstacle_photo (content_type, size_bytes, bytes) VALUES (?, ?, ?) RETURNING id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, photo.contentType());
            ps.setInt(2, photo.bytes().length);
            ps.setBytes(3, photo.bytes());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long nextObstacleId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval(pg_get_serial_sequence('obstacle', 'id'))");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insertObstacle(Connection c, long id, ObstacleReport r, String compound, String geometry, Long photoId)
            throws SQLException {
        String sql = "INSERT INTO obstacle (id, compound_code, kind, note, observed_on, status, extra, source_id, geom)"
                + " VALUES (?, ?, ?, ?, COALESCE(?, CURRENT_DATE), 'open', jsonb_strip_nulls(jsonb_build_object("
                + "'reported_via', 'web', 'photo_id', ?::bigint)), ?, ST_GeomFromEWKB(decode(?, 'hex')))";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.setString(2, compound);
            ps.setString(3, r.kind());
            ps.setString(4, r.note());
            ps.setObject(5, r.observedOn() == null ? null : Date.valueOf(r.observedOn()), Types.DATE);
            ps.setObject(6, photoId, Types.BIGINT);
            ps.setString(7, REPORT_PREFIX + id);
            ps.setString(8, geometry);
            ps.executeUpdate();
        }
    }

    /** Closes the current version {@code id} and adds the next one with the new status; returns its id. */
    long changeStatus(long id, String status, String note) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long next = nextVersion(c, id, status, note);
                c.commit();
                return next;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private long nextVersion(Connection c, long id, String status, String note) throws SQLException {
        String current;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT status, valid_to IS NULL FROM obstacle WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiError.notFound("no obstacle " + id);
                }
                if (!rs.getBoolean(2)) {
                    throw ApiError.conflict("obstacle " + id + " is an old version"
                            + currentVersion(c, id).map(v -> "; the current one is " + v).orElse(""));
                }
                current = rs.getString(1);
            }
        }
        if (current.equals(status)) {
            throw ApiError.conflict("obstacle " + id + " is already " + status);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE obstacle SET valid_to = now(), source_id = COALESCE(source_id, 'ID-' || id) WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        String sql = "INSERT INTO obstacle (compound_code, kind, note, observed_on, status, extra, source_id, survey_id,"
                + " valid_from, geom) SELECT compound_code, kind, COALESCE(?, note), observed_on, ?,"
                + " extra || jsonb_build_object('status_changed_via', 'web'), source_id, survey_id, now(), geom"
                + " FROM obstacle WHERE id = ? RETURNING id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, note);
            ps.setString(2, status);
            ps.setLong(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static java.util.Optional<Long> currentVersion(Connection c, long id) throws SQLException {
        String sql = "SELECT n.id FROM obstacle o JOIN obstacle n ON n.compound_code = o.compound_code"
                + " AND n.source_id = o.source_id AND n.valid_to IS NULL WHERE o.id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getLong(1)) : java.util.Optional.empty();
            }
        }
    }

    /** The version {@code id} as a GeoJSON Feature (in {@code crs}) with every version of the obstacle as history. */
    ObjectNode withHistory(long id, Crs crs) throws SQLException {
        String feature = "SELECT json_build_object('type', 'Feature', 'id', o.id, 'geometry', ST_AsGeoJSON("
                + crs.geometryExpression("o.geom", workingSrid) + ", " + crs.decimals() + ")::json, 'properties',"
                + " json_build_object('compound', o.compound_code, 'kind', o.kind, 'note', o.note, 'observed_on', o.observed_on,"
                + " 'status', o.status, 'source_id', o.source_id, 'extra', o.extra, 'valid_from', o.valid_from,"
                + " 'valid_to', o.valid_to, 'current', o.valid_to IS NULL))::text FROM obstacle o WHERE o.id = ?";
        String history = "SELECT json_agg(json_build_object('id', v.id, 'status', v.status, 'note', v.note,"
                + " 'valid_from', v.valid_from, 'valid_to', v.valid_to) ORDER BY v.valid_from, v.id)::text"
                + " FROM obstacle o JOIN obstacle v ON v.compound_code = o.compound_code"
                + " AND (v.source_id = o.source_id OR v.id = o.id) WHERE o.id = ?";
        try (Connection c = dataSource.getConnection()) {
            String f = singleText(c, feature, id);
            if (f == null) {
                throw ApiError.notFound("no obstacle " + id);
            }
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.set("feature", parse(f));
            out.set("history", parse(singleText(c, history, id)));
            return out;
        }
    }

    record StoredPhoto(String contentType, byte[] bytes) {
    }

    StoredPhoto photo(long obstacleId) throws SQLException {
        String sql = "SELECT p.content_type, p.bytes FROM obstacle o JOIN obstacle_photo p"
                + " ON p.id = (o.extra ->> 'photo_id')::bigint WHERE o.id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, obstacleId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiError.notFound("obstacle " + obstacleId + " has no photo (or does not exist)");
                }
                return new StoredPhoto(rs.getString(1), rs.getBytes(2));
            }
        }
    }

    private static String singleText(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static JsonNode parse(String text) {
        try {
            return text == null ? Json.MAPPER.createArrayNode() : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ArrayNode emptyArray() {
        return Json.MAPPER.createArrayNode();
    }
}
