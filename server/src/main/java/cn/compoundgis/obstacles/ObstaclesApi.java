package cn.compoundgis.obstacles;

import cn.compoundgis.accounts.CurrentUser;
import cn.compoundgis.audit.Actor;
import cn.compoundgis.http.Requests;
import cn.compoundgis.http.Responses;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.geo.PostedCrs;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Params;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;

/**
 * Obstacle reports from the field (the map's "report an obstruction" on a phone):
 * <ul>
 * <li>{@code POST /api/obstacles}: JSON {@code {"geometry": GeoJSON Point|Polygon, "kind", "note", "compound",
 *     "observed_on", "photo": base64 or data URL}}, or multipart/form-data with the same fields ({@code geometry}
 *     as GeoJSON text) and the photo as file field {@code photo}. Coordinates are in {@code crs} (CRS84 by
 *     default, like every GeoJSON; in a Gauss-Kruger CRS either axis order, told in {@code axis_order}). Answers
 *     201 with the stored obstacle and its history.</li>
 * <li>{@code PATCH /api/obstacles/{id}}: {@code {"status": "resolved"|"open", "note"}} (a note is required to
 *     resolve); the version {@code id}
 *     is closed and a new one added (history is kept). Answers with the new version.</li>
 * <li>{@code GET /api/obstacles/{id}}: a version and the obstacle's history; {@code GET /api/obstacles/{id}/photo}.</li>
 * </ul>
 */
public final class ObstaclesApi {
    /** The member naming who made a version (an account's user name). */
    private static final String CHANGED_BY = "changed_by";

    private static final List<String> STATUSES = List.of("open", "resolved");

    private final ObstacleStore store;
    /** The same on the read DataSource (a read replica may serve it), for the GETs. */
    private final ObstacleStore readStore;
    private final CheckRequests requests;

    public ObstaclesApi(javax.sql.DataSource dataSource, int workingSrid, CheckRequests requests) {
        this(dataSource, dataSource, workingSrid, requests);
    }

    /** Reports and status changes (and their answers) on {@code dataSource}, the GETs on {@code reads}. */
    public ObstaclesApi(javax.sql.DataSource dataSource, javax.sql.DataSource reads, int workingSrid,
                        CheckRequests requests) {
        this.store = new ObstacleStore(dataSource, workingSrid);
        this.readStore = reads == dataSource ? store : new ObstacleStore(reads, workingSrid);
        this.requests = requests;
    }

    public void create(Context ctx) throws SQLException, IOException {
        var crs = requests.crs(ctx);
        PostedCrs posted = CheckRequests.posted(crs);
        ObstacleReport report = isMultipart(ctx) ? fromMultipart(ctx, posted) : fromJson(Requests.jsonBody(ctx), posted);
        long id = store.create(report, crs, Actor.of(ctx));
        ObjectNode answer = store.withHistory(id, crs);
        report.axes().writeTo(answer);
        ctx.header("Location", "/api/obstacles/" + id);
        Responses.json(ctx, 201, answer);
    }

    private static boolean isMultipart(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    private static ObstacleReport fromJson(JsonNode body, PostedCrs crs) {
        JsonNode photo = body.path("photo");
        Photo p = photo.isTextual() && !photo.asText().isBlank() ? Photo.ofBase64(photo.asText()) : null;
        return ObstacleReport.of(body.get("geometry"), crs, text(body, "kind"), text(body, "note"), text(body, "compound"),
                text(body, "observed_on"), p);
    }

    private static ObstacleReport fromMultipart(Context ctx, PostedCrs crs) throws IOException {
        String geometryText = field(ctx, "geometry");
        JsonNode geometry = geometryText == null ? null : Requests.json("geometry", geometryText);
        UploadedFile file = ctx.uploadedFile("photo");
        Photo photo = null;
        if (file != null && file.size() > 0) {
            if (file.size() > Photo.MAX_BYTES) {
                Photo.of(new byte[Photo.MAX_BYTES + 1]); // refuses with the size message
            }
            try (InputStream in = file.content()) {
                photo = Photo.of(in.readAllBytes());
            }
        } else if (ctx.formParam("photo") != null && !ctx.formParam("photo").isBlank()) {
            photo = Photo.ofBase64(ctx.formParam("photo"));
        }
        return ObstacleReport.of(geometry, crs, field(ctx, "kind"), field(ctx, "note"), field(ctx, "compound"),
                field(ctx, "observed_on"), photo);
    }

    /** A multipart text field (urlencoded and JSON bodies are checked for NUL bytes before any handler). */
    private static String field(Context ctx, String name) {
        return Params.text(name, ctx.formParam(name));
    }

    public void changeStatus(Context ctx) throws SQLException {
        long id = Requests.pathId(ctx, "obstacleId", "obstacle");
        JsonNode body = Requests.jsonBody(ctx);
        String status = text(body, "status");
        if (status == null || !STATUSES.contains(status)) {
            throw ApiError.badParameter("status is required, one of " + STATUSES + (status == null ? "" : "; got " + status))
                    .says("obstacle.status", "value", status == null ? "" : status);
        }
        String note = text(body, "note");
        if (note != null && note.length() > ObstacleReport.MAX_NOTE_CHARS) {
            throw ApiError.badParameter("note is " + note.length() + " characters; at most " + ObstacleReport.MAX_NOTE_CHARS)
                    .says("obstacle.note_too_long", "n", note.length(), "max", ObstacleReport.MAX_NOTE_CHARS);
        }
        if (note == null && ObstacleStore.RESOLVED.equals(status)) {
            throw ApiError.badParameter("note is required to resolve an obstacle: say what was done (removed, moved, towed ...)")
                    .says("obstacle.note_required");
        }
        long next = store.changeStatus(id, status, note, Actor.of(ctx));
        ctx.json(store.withHistory(next, requests.crs(ctx)));
    }

    /** An obstacle and its history; who changed each version is for signed-in users only (accounts' names are not public). */
    public void show(Context ctx) throws SQLException {
        long id = Requests.pathId(ctx, "obstacleId", "obstacle");
        ObjectNode shown = readStore.withHistory(id, requests.crs(ctx));
        if (CurrentUser.of(ctx).isEmpty()) {
            ((ObjectNode) shown.path("feature").path("properties")).remove(CHANGED_BY);
            shown.path("history").forEach(version -> ((ObjectNode) version).remove(CHANGED_BY));
        }
        ctx.json(shown);
    }

    public void photo(Context ctx) throws SQLException {
        long id = Requests.pathId(ctx, "obstacleId", "obstacle");
        ObstacleStore.StoredPhoto photo = readStore.photo(id);
        ctx.contentType(photo.contentType());
        // Never let a browser guess another type (an older stored photo may not have been re-encoded).
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.header("Cache-Control", "max-age=86400, immutable");
        ctx.result(photo.bytes());
    }


    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            throw ApiError.badParameter(field + " must be text").says("value.not_text", "name", field);
        }
        return ObstacleReport.blankToNull(n.asText());
    }
}
