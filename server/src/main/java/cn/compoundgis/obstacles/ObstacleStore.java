package cn.compoundgis.obstacles;

import cn.compoundgis.audit.Actor;
import cn.compoundgis.audit.AuditLog;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.db.Compounds;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.db.Transactions;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Every SQL statement of the obstacle reports. A report and its photo are written in one transaction; a
 * status change closes the current version (valid_to) and adds the next one, in one transaction, so the
 * history of an obstacle is its versions (same compound_code and source_id). The SQL is in {@link ObstacleQueries}.
 */
final class ObstacleStore {
    /** Field reports get source ids WEB-<first version id>, so their versions stay together. */
    private static final String REPORT_PREFIX = "WEB-";
    static final String RESOLVED = "resolved";

    private final DataSource dataSource;
    private final int workingSrid;

    ObstacleStore(DataSource dataSource, int workingSrid) {
        this.dataSource = dataSource;
        this.workingSrid = workingSrid;
    }

    /** Stores a report; returns the new obstacle's id. */
    long create(ObstacleReport report, Crs inputCrs, Actor actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String geometry = storedGeometry(c, report.geometryJson(), inputCrs);
                String compound = compoundOf(c, geometry, report.compound());
                Long photoId = report.photo() == null ? null : insertPhoto(c, report.photo());
                long id = nextObstacleId(c);
                insertObstacle(c, id, report, compound, geometry, photoId, actor.username());
                AuditLog.record(c, actor, "obstacle.reported", compound, "obstacle " + id, reportedDetail(report, photoId));
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
        String sql = ObstacleQueries.checkedGeometry(
                PostgisInput.geometry(":geometry::text", CheckRequests.posted(crs), workingSrid));
        try (PreparedStatement ps = Sql.prepare(c, sql, SqlParams.of().text("geometry", geoJson));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw ApiError.badParameter("geometry is not valid: " + rs.getString(2)).says("geometry.invalid");
            }
            return java.util.HexFormat.of().formatHex(rs.getBytes(3));
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("XX")) {
                c.rollback();
                throw ApiError.badParameter("geometry could not be read as GeoJSON in " + crs.uri() + ": " + e.getMessage());
            }
            throw e;
        }
    }

    private String compoundOf(Connection c, String geometry, String asked) throws SQLException {
        Optional<String> found = Sql.optionalText(c, ObstacleQueries.COMPOUND_OF,
                SqlParams.of().text("geometry", geometry).text("asked", asked));
        if (found.isPresent()) {
            return found.get();
        }
        if (asked == null) {
            throw ApiError.badParameter("the obstacle lies in no compound; report it inside one (or name it with compound=)")
                    .says("obstacle.in_no_compound");
        }
        if (!Compounds.isCurrent(c, asked)) {
            throw ApiError.notFound("no compound " + asked).says("compound.not_found", "compound", asked);
        }
        throw ApiError.badParameter("the obstacle lies outside compound " + asked).says("obstacle.outside_compound", "compound", asked);
    }

    private static long insertPhoto(Connection c, Photo photo) throws SQLException {
        return Sql.oneLong(c, ObstacleQueries.INSERT_PHOTO, SqlParams.of().text("content_type", photo.contentType())
                .integer("size_bytes", photo.bytes().length).bytes("bytes", photo.bytes()));
    }

    private static long nextObstacleId(Connection c) throws SQLException {
        return Sql.oneLong(c, ObstacleQueries.NEXT_OBSTACLE_ID, SqlParams.of());
    }

    private static void insertObstacle(Connection c, long id, ObstacleReport r, String compound, String geometry, Long photoId,
                                       String by) throws SQLException {
        Sql.update(c, ObstacleQueries.INSERT_OBSTACLE, SqlParams.of().bigint("id", id).text("compound", compound)
                .text("kind", r.kind()).text("note", r.note()).date("observed_on", r.observedOn())
                .bigint("photo_id", photoId).text("source_id", REPORT_PREFIX + id).text("changed_by", by)
                .text("geometry", geometry));
    }

    private static Map<String, Object> reportedDetail(ObstacleReport r, Long photoId) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("kind", r.kind());
        detail.put("note", r.note());
        detail.put("photo", photoId != null);
        return detail;
    }

    /** Closes the current version {@code id} and adds the next one with the new status; returns its id. */
    long changeStatus(long id, String status, String note, Actor actor) throws SQLException {
        return Transactions.inTransaction(dataSource, c -> nextVersion(c, id, status, note, actor));
    }

    /**
     * The next version, audited: {@code obstacle.resolved} (with its note), or {@code obstacle.status_changed} with
     * from and to (a resolved obstacle opened again).
     */
    private long nextVersion(Connection c, long id, String status, String note, Actor actor) throws SQLException {
        String current;
        try (PreparedStatement ps = Sql.prepare(c, ObstacleQueries.STATUS_FOR_UPDATE, byId(id));
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw ApiError.notFound("no obstacle " + id);
            }
            if (!rs.getBoolean(2)) {
                throw ApiError.conflict("obstacle " + id + " is an old version"
                        + currentVersion(c, id).map(v -> "; the current one is " + v).orElse(""));
            }
            current = rs.getString(1);
        }
        if (current.equals(status)) {
            throw ApiError.conflict("obstacle " + id + " is already " + status).says("obstacle.already", "obstacle", id, "status", status);
        }
        Sql.update(c, ObstacleQueries.CLOSE_VERSION, byId(id));
        long next;
        String compound;
        try (PreparedStatement ps = Sql.prepare(c, ObstacleQueries.INSERT_NEXT_VERSION, SqlParams.of().text("note", note)
                .text("status", status).text("changed_by", actor.username()).bigint("id", id));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            next = rs.getLong(1);
            compound = rs.getString(2);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", current);
        detail.put("to", status);
        detail.put("note", note);
        detail.put("version", next);
        AuditLog.record(c, actor, RESOLVED.equals(status) ? "obstacle.resolved" : "obstacle.status_changed", compound,
                "obstacle " + id, detail);
        return next;
    }

    private static Optional<Long> currentVersion(Connection c, long id) throws SQLException {
        return Sql.optionalLong(c, ObstacleQueries.CURRENT_VERSION, byId(id));
    }

    private static SqlParams byId(long id) {
        return SqlParams.of().bigint("id", id);
    }

    /** The version {@code id} as a GeoJSON Feature (in {@code crs}) with every version of the obstacle as history. */
    ObjectNode withHistory(long id, Crs crs) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String f = Sql.optionalText(c, ObstacleQueries.feature(crs, workingSrid), byId(id))
                    .orElseThrow(() -> ApiError.notFound("no obstacle " + id));
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.set("feature", parse(f));
            out.set("history", parse(Sql.optionalText(c, ObstacleQueries.HISTORY, byId(id)).orElse(null)));
            return out;
        }
    }

    record StoredPhoto(String contentType, byte[] bytes) {
    }

    StoredPhoto photo(long obstacleId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, ObstacleQueries.PHOTO, byId(obstacleId));
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw ApiError.notFound("obstacle " + obstacleId + " has no photo (or does not exist)");
            }
            return new StoredPhoto(rs.getString(1), rs.getBytes(2));
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
