package cn.compoundgis.dashboard;

import cn.compoundgis.compounds.RegisterCodes;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Requests;
import cn.compoundgis.http.Params;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/** The dashboard's filters: {@code district=}, {@code renovation_year=} (the batch), {@code renovation_status=}. */
record DashboardFilter(String district, Integer renovationYear, String renovationStatus) {
    static final Set<String> PARAMETERS = Set.of("district", "renovation_year", "renovation_status");
    /** Longer district names are typing errors, not districts. */
    static final int MAX_DISTRICT_CHARS = 100;

    /** Reads the filters from the query, refusing any parameter not in {@code allowed} and repeated ones. */
    static DashboardFilter read(Context ctx, Set<String> allowed, String path) {
        Requests.onlyParameters(ctx, path, allowed);
        return new DashboardFilter(district(ctx.queryParam("district")), year(ctx.queryParam("renovation_year")),
                status(ctx.queryParam("renovation_status")));
    }

    private static String district(String value) {
        if (value == null) {
            return null;
        }
        String d = Params.text("district", value).strip();
        if (d.isEmpty() || d.codePointCount(0, d.length()) > MAX_DISTRICT_CHARS) {
            throw ApiError.badParameter("district must be 1-" + MAX_DISTRICT_CHARS + " characters");
        }
        return d;
    }

    private static Integer year(String value) {
        if (value == null) {
            return null;
        }
        int year = Params.wholeInt("renovation_year", value);
        if (year < Params.MIN_YEAR || year > Params.MAX_YEAR) {
            throw ApiError.badParameter("renovation_year=" + value + " is outside " + Params.MIN_YEAR + "-" + Params.MAX_YEAR);
        }
        return year;
    }

    private static String status(String value) {
        if (value == null) {
            return null;
        }
        List<String> statuses = RegisterCodes.get().statusCodes();
        if (!statuses.contains(value)) {
            throw ApiError.badParameter("renovation_status=" + value + " is none of " + String.join(", ", statuses));
        }
        return value;
    }
}
