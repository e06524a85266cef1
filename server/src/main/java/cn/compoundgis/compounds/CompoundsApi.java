package cn.compoundgis.compounds;

import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.features.Crs;
import cn.compoundgis.features.CrsRegistry;
import cn.compoundgis.web.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
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
 * <li>{@code GET /api/compound-codes}: the code tables (statuses, categories, items, units, labels) and limits.</li>
 * </ul>
 */
public final class CompoundsApi {
    /** Strict JSON: a key given twice or text after the object is refused, not silently resolved. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final CompoundStore store;
    private final CrsRegistry crsRegistry;
    private final RegisterCodes codes = RegisterCodes.get();

    public CompoundsApi(DataSource dataSource, int workingSrid) {
        this.store = new CompoundStore(dataSource, workingSrid, codes);
        this.crsRegistry = new CrsRegistry(workingSrid);
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/compound-codes", ctx -> ctx.json(codes.document()));
        routes.post("/api/compounds", this::create);
        routes.patch("/api/compounds/{code}", this::change);
        routes.get("/api/compounds/{code}", this::show);
    }

    private void create(Context ctx) throws SQLException {
        Crs crs = crs(ctx);
        CompoundInput input = CompoundInput.forCreate(body(ctx), CheckRequests.posted(crs), codes);
        CompoundStore.Written written = store.create(input, CheckRequests.posted(crs));
        ctx.status(201);
        ctx.header("Location", "/api/compounds/" + input.code());
        answer(ctx, input, written, crs);
    }

    private void change(Context ctx) throws SQLException {
        String code = CompoundInput.checkedCode(ctx.pathParam("code"), codes.limits());
        Crs crs = crs(ctx);
        CompoundInput input = CompoundInput.forPatch(code, body(ctx), CheckRequests.posted(crs), codes);
        CompoundStore.Written written = store.change(input, CheckRequests.posted(crs));
        answer(ctx, input, written, crs);
    }

    private void show(Context ctx) throws SQLException {
        String code = CompoundInput.checkedCode(ctx.pathParam("code"), codes.limits());
        Crs crs = crs(ctx);
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        ctx.json(store.record(code, crs));
    }

    private void answer(Context ctx, CompoundInput input, CompoundStore.Written written, Crs crs) throws SQLException {
        ObjectNode record = store.record(input.code(), crs);
        record.put("changed", written.changed());
        record.set("warnings", written.warnings());
        if (input.boundary() != null && input.boundary().axes() != null) {
            input.boundary().axes().writeTo(record);
        }
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        ctx.json(record);
    }

    private Crs crs(Context ctx) {
        String value = ctx.queryParam("crs");
        return value == null || value.isBlank() ? Crs.CRS84 : crsRegistry.parse("crs", value);
    }

    private static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw ApiError.badParameter("the body is empty; send a JSON object");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw ApiError.badParameter("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ApiError.badParameter("the body is not valid JSON: " + CompoundInput.shown(e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : String.valueOf(e.getMessage())));
        }
    }
}
