package cn.compoundgis.compounds;

import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Requests;
import cn.compoundgis.http.Json;
import cn.compoundgis.http.Params;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code GET /api/compounds/search?q=…&limit=20&offset=0}: the map's finder and the upload form's compound
 * choice ask the server instead of loading every compound. Answers
 * {@code {q, items: [{code, name, district, households, site_area_m2, built_year, renovation_year,
 * renovation_status, bbox, centre}], numberMatched, numberReturned, limit, offset, next}}.
 */
public final class CompoundSearchApi {
    static final String PATH = "/api/compounds/search";
    private static final Set<String> PARAMETERS = Set.of("q", "limit", "offset");
    /** Decimal places of degrees in the answer: about 1 cm, like the map's read-out. */
    private static final double DEGREE_SCALE = 1e7;

    private final CompoundSearch search;
    private final CompoundSearchLimits limits;

    public CompoundSearchApi(DataSource dataSource, CompoundSearchLimits limits) {
        this.search = new CompoundSearch(dataSource, limits);
        this.limits = limits;
    }

    public void search(Context ctx) throws SQLException {
        Requests.onlyParameters(ctx, PATH, PARAMETERS);
        String q = queryText(ctx.queryParam("q"));
        int limit = Params.pageLimit(ctx.queryParam("limit"), limits.defaultLimit(), limits.maxLimit());
        long offset = Params.pageOffset(ctx.queryParam("offset"));
        CompoundSearch.Page page = search.search(q, limit, offset);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("q", q);
        body.put("items", page.hits().stream().map(CompoundSearchApi::item).toList());
        body.put("numberMatched", page.numberMatched());
        body.put("numberReturned", page.hits().size());
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("next", offset + page.hits().size() < page.numberMatched() ? next(q, limit, offset + limit) : null);
        ctx.json(body);
    }

    private String queryText(String value) {
        String q = Params.text("q", value == null ? "" : value).strip();
        if (q.codePointCount(0, q.length()) > limits.maxQueryChars()) {
            throw ApiError.badParameter("q is longer than " + limits.maxQueryChars() + " characters");
        }
        return q;
    }


    private static String next(String q, int limit, long offset) {
        return PATH + "?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20")
                + "&limit=" + limit + "&offset=" + offset;
    }

    /** One item of the answer (snake_case): a hit without its rank, bbox and centre rounded to about 1 cm. */
    record Item(String code, String name, String district, Integer households, Double siteAreaM2, Integer builtYear,
            Integer renovationYear, String renovationStatus, List<Double> bbox, List<Double> centre) {
    }

    private static JsonNode item(CompoundSearch.Hit hit) {
        return Json.SNAKE_CASE.valueToTree(new Item(hit.code(), hit.name(), hit.district(), hit.households(),
                hit.siteAreaM2(), hit.builtYear(), hit.renovationYear(), hit.renovationStatus(), degrees(hit.bbox()),
                degrees(hit.centre())));
    }

    private static List<Double> degrees(double[] values) {
        List<Double> rounded = new ArrayList<>(values.length);
        for (double v : values) {
            rounded.add(Math.round(v * DEGREE_SCALE) / DEGREE_SCALE);
        }
        return rounded;
    }
}
