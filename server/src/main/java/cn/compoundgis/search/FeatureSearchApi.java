package cn.compoundgis.search;

import cn.compoundgis.db.ResultSets;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.db.SqlResource;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Params;
import cn.compoundgis.http.Requests;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code GET /api/search/features?q=YS12&compound=C001&limit=20} (issue 14 point 7): what the finder finds besides
 * compounds, as a surveyor or a fire officer names it: a pipe point by its number, a fire lane by its name or number,
 * a road by the name its pipes carry. Each hit has its kind, the collection and id of its feature (none for a road),
 * a label, its compound and a CRS84 bbox to go to. The text matches from its start, case-insensitively.
 */
public final class FeatureSearchApi {
    static final String PATH = "/api/search/features";
    private static final String SQL = SqlResource.load("/search/features.sql");
    private static final Set<String> PARAMETERS = Set.of("q", "compound", "limit");
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;
    private static final int MAX_QUERY_CHARS = 100;
    /** Decimal places of degrees in the answer: about 1 cm, like the map's read-out. */
    private static final double DEGREE_SCALE = 1e7;

    private final DataSource dataSource;

    public FeatureSearchApi(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void search(Context ctx) throws SQLException {
        Requests.onlyParameters(ctx, PATH, PARAMETERS);
        String q = Params.text("q", ctx.queryParam("q") == null ? "" : ctx.queryParam("q")).strip();
        if (q.isEmpty()) {
            throw ApiError.badParameter("q is empty: give the start of a point number, a lane or a road name");
        }
        if (q.codePointCount(0, q.length()) > MAX_QUERY_CHARS) {
            throw ApiError.badParameter("q is longer than " + MAX_QUERY_CHARS + " characters");
        }
        String compound = ctx.queryParam("compound");
        int limit = Params.pageLimit(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        SqlParams params = SqlParams.of().text("prefix", likePrefix(q)).text("compound", compound == null || compound.isBlank() ? null : compound)
                .integer("limit", limit);
        List<Map<String, Object>> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = Sql.prepare(c, SQL, params);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                items.add(item(rs));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("q", q);
        body.put("items", items);
        body.put("numberReturned", items.size());
        body.put("limit", limit);
        ctx.json(body);
    }

    /** The text as the start of a LIKE pattern: lower case, its own % _ and \ taken literally. */
    static String likePrefix(String q) {
        return q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static Map<String, Object> item(ResultSet rs) throws SQLException {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("kind", rs.getString("kind"));
        item.put("collection", rs.getString("collection"));
        item.put("id", ResultSets.longOrNull(rs, "id"));
        item.put("label", rs.getString("label"));
        item.put("detail", rs.getString("detail"));
        item.put("compound", rs.getString("compound"));
        item.put("bbox", List.of(round(rs.getDouble(7)), round(rs.getDouble(8)), round(rs.getDouble(9)), round(rs.getDouble(10))));
        return item;
    }

    private static double round(double degrees) {
        return Math.round(degrees * DEGREE_SCALE) / DEGREE_SCALE;
    }
}
