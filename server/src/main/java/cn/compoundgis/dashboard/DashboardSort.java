package cn.compoundgis.dashboard;

import cn.compoundgis.http.ApiError;
import java.util.LinkedHashMap;
import java.util.Map;

/** The compound table's sort columns: each maps to a fixed SQL expression, so no request text reaches the SQL. */
final class DashboardSort {
    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("code", "code");
        COLUMNS.put("name", "name");
        COLUMNS.put("district", "district");
        COLUMNS.put("renovation_status", "renovation_status");
        COLUMNS.put("renovation_year", "renovation_year");
        COLUMNS.put("households", "households");
        COLUMNS.put("site_area_m2", "site_area_m2");
        COLUMNS.put("pipe_length_m", "pipe_length_m");
        COLUMNS.put("stalls_added", "stalls_added");
        COLUMNS.put("started_on", "started_on");
        COLUMNS.put("completed_on", "completed_on");
        COLUMNS.put("accepted_on", "accepted_on");
    }

    private DashboardSort() {
    }

    /** The ORDER BY list for {@code sort} and {@code order} (asc|desc; missing values last, then by code). */
    static String orderBy(String sort, String order) {
        String column = COLUMNS.get(sort == null ? "code" : sort);
        if (column == null) {
            throw ApiError.badParameter("sort=" + sort + " is none of " + String.join(", ", COLUMNS.keySet()));
        }
        String direction;
        if (order == null || order.equals("asc")) {
            direction = "ASC";
        } else if (order.equals("desc")) {
            direction = "DESC";
        } else {
            throw ApiError.badParameter("order=" + order + " is neither asc nor desc");
        }
        return column.equals("code") ? "code " + direction : column + " " + direction + " NULLS LAST, code";
    }
}
