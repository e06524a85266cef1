package cn.compoundgis.features;

import cn.compoundgis.geo.CrsRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SQL the server runs for {@code GET /collections/{id}/items?…} (the count for numberMatched, then the page),
 * with the request's values written in as literals, for running the very same statements straight through psql
 * (the benchmarks' floor). Built by the server's own {@link ItemsRequest} and {@link FeatureQueries}.
 */
public final class ItemsSql {
    private ItemsSql() {
    }

    /** The count and the page statements of the request, each ending in a semicolon. */
    public static List<String> statements(String collection, int workingSrid, Map<String, List<String>> query) {
        FeatureCollection c = Collections.byId(collection).orElseThrow();
        CrsRegistry crsRegistry = new CrsRegistry(workingSrid);
        ItemsRequest request = ItemsRequest.parse(c, crsRegistry, query);
        FeatureQueries queries = new FeatureQueries(workingSrid);
        FeatureQueries.Where where = queries.itemsFilter(request);
        List<Object> pageParameters = new ArrayList<>(where.parameters());
        pageParameters.add(request.limit());
        pageParameters.add(request.offset());
        return List.of(literal(queries.count(c, where), where.parameters()) + ";",
                literal(queries.features(c, request.crs(), where), pageParameters) + ";");
    }

    /** Numbers only (a bbox, limit, offset): anything else is refused rather than quoted by hand. */
    private static String literal(String sql, List<Object> parameters) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (char ch : sql.toCharArray()) {
            if (ch != '?') {
                out.append(ch);
                continue;
            }
            Object value = parameters.get(next++);
            if (!(value instanceof Number n)) {
                throw new IllegalArgumentException("only numeric parameters are written as literals, not " + value);
            }
            out.append(n instanceof Double || n instanceof Float ? String.format(Locale.ROOT, "%.12g", n.doubleValue()) : n.toString());
        }
        if (next != parameters.size()) {
            throw new IllegalStateException(parameters.size() + " parameters for " + next + " placeholders");
        }
        return out.toString();
    }
}
