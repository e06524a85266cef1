package cn.compoundgis.compounds;

import cn.compoundgis.audit.Actor;
import cn.compoundgis.http.Requests;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.CrsRegistry;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The compound register (全市老旧小区基础数据信息库) over HTTP:
 * <ul>
 * <li>{@code POST /api/compounds}: JSON {@code {"code", "name", register fields..., "boundary": GeoJSON Polygon or
 *     MultiPolygon (in {@code crs}, CRS84 by default), "items": {item code: {"planned_quantity", "done_quantity",
 *     "note", "source"}}}}: 201 with the record, {@code Location} and {@code warnings} (overlapping boundaries).</li>
 * <li>{@code PATCH /api/compounds/{code}}: JSON merge patch (RFC 7396): only the fields given change, null clears;
 *     the current version is closed and the next one written in one transaction. A status moving back along the
 *     workflow needs {@code "force": true} and a {@code "reason"}.</li>
 * <li>{@code GET /api/compounds/{code}}: the current record, its items and its versions (newest first).</li>
 * <li>{@code GET /api/compound-codes}: the register's fields (name and kind, in order), the code tables (statuses,
 *     categories, items, units, labels) and limits: what an editor's form is made from.</li>
 * </ul>
 * The record of GET, POST and PATCH carries an {@code ETag}, the current version ({@code "version_id"} quoted); a
 * PATCH with {@code If-Match} is refused with 412 when the compound has a newer version meanwhile, so an editor does
 * not overwrite a change it never saw. An error about one field of the body names it in {@code field} (beside
 * {@code code} and {@code description}): {@code households}, {@code boundary}, {@code items.rain_pipe_m.done_quantity}.
 */
public final class CompoundsApi {
    private final CompoundStore store;
    private final CrsRegistry crsRegistry;
    private final RegisterCodes codes = RegisterCodes.get();

    public CompoundsApi(DataSource dataSource, int workingSrid) {
        this.store = new CompoundStore(dataSource, workingSrid, codes);
        this.crsRegistry = new CrsRegistry(workingSrid);
    }

    public void codes(Context ctx) throws SQLException {
        ctx.json(codesDocument());
    }

    public void create(Context ctx) throws SQLException {
        namingTheField(ctx, this::insert);
    }

    public void change(Context ctx) throws SQLException {
        namingTheField(ctx, this::update);
    }

    private void insert(Context ctx) throws SQLException {
        Crs crs = crs(ctx);
        CompoundInput input = CompoundInput.forCreate(Requests.jsonBody(ctx), CheckRequests.posted(crs), codes);
        CompoundStore.Written written = store.create(input, CheckRequests.posted(crs), Actor.of(ctx));
        ctx.status(201);
        ctx.header("Location", "/api/compounds/" + input.code());
        answer(ctx, input, written, crs);
    }

    private void update(Context ctx) throws SQLException {
        String code = CompoundInput.checkedCode(ctx.pathParam("code"), codes.limits());
        Crs crs = crs(ctx);
        java.util.Set<Long> expected = IfMatch.versions(ctx.header("If-Match"));
        CompoundInput input = CompoundInput.forPatch(code, Requests.jsonBody(ctx), CheckRequests.posted(crs), codes);
        CompoundStore.Written written = store.change(input, CheckRequests.posted(crs), expected, Actor.of(ctx));
        answer(ctx, input, written, crs);
    }

    public void show(Context ctx) throws SQLException {
        String code = CompoundInput.checkedCode(ctx.pathParam("code"), codes.limits());
        Crs crs = crs(ctx);
        ObjectNode record = store.record(code, crs);
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        ctx.header("ETag", IfMatch.etag(record.path("version_id").asLong()));
        ctx.json(record);
    }

    private interface Handler {
        void handle(Context ctx) throws SQLException;
    }

    /** Runs a write; a refusal that is about one field of the body names it in {@code field}, for a form to show. */
    private static void namingTheField(Context ctx, Handler write) throws SQLException {
        try {
            write.handle(ctx);
        } catch (ApiError e) {
            String field = e.status() == 400 || e.status() == 422 ? fieldOf(e.getMessage()) : null;
            throw field == null ? e : e.with("field", field);
        }
    }

    /** The field a message is about: a register field, code, boundary, or an item's quantity (items.X.planned_quantity). */
    static String fieldOf(String message) {
        String field = CompoundInput.fieldOf(message);
        if (CompoundInput.ITEMS.equals(field)) {
            String path = message.split("[ :']", 2)[0];
            String[] parts = path.split("\\.");
            if (parts.length >= 2 && RegisterCodes.get().item(parts[1]).isPresent()) {
                return parts.length >= 3 && CompoundInput.ITEM_FIELDS.contains(parts[2])
                        ? String.join(".", parts[0], parts[1], parts[2]) : String.join(".", parts[0], parts[1]);
            }
        }
        return field;
    }

    /**
     * register.json with the register's fields in order (name, kind) put first, as the editor's form lists them, and
     * the districts registered now (district is free text: the list offers what the register already holds).
     */
    private JsonNode codesDocument() throws SQLException {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode fields = doc.putArray("fields");
        for (RegisterField f : RegisterField.values()) {
            fields.addObject().put("name", f.json).put("kind", f.kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        doc.setAll((ObjectNode) codes.document());
        com.fasterxml.jackson.databind.node.ArrayNode districts = doc.putArray("districts");
        store.districts(codes.limit("max_listed_districts")).forEach(districts::add);
        return doc;
    }

    private void answer(Context ctx, CompoundInput input, CompoundStore.Written written, Crs crs) throws SQLException {
        ObjectNode record = store.record(input.code(), crs);
        record.put("changed", written.changed());
        record.set("warnings", written.warnings());
        if (input.boundary() != null && input.boundary().axes() != null) {
            input.boundary().axes().writeTo(record);
        }
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        ctx.header("ETag", IfMatch.etag(record.path("version_id").asLong()));
        ctx.json(record);
    }

    private Crs crs(Context ctx) {
        return Requests.crs(ctx, crsRegistry);
    }

}
