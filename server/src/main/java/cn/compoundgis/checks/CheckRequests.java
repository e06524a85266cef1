package cn.compoundgis.checks;

import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Params;
import cn.compoundgis.db.Compounds;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.CrsRegistry;
import cn.compoundgis.geo.PostedCrs;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What the check APIs read from a request: the compound, an id, the output CRS; each refused with a clear 400/404. */
public final class CheckRequests {
    private final DataSource dataSource;
    private final CrsRegistry crsRegistry;

    public CheckRequests(DataSource dataSource, CrsRegistry crsRegistry) {
        this.dataSource = dataSource;
        this.crsRegistry = crsRegistry;
    }

    /** The {@code compound} query parameter, which must name a current compound. */
    public String compound(Context ctx) throws SQLException {
        String code = ctx.queryParam("compound");
        if (code == null || code.isBlank()) {
            throw ApiError.badParameter("compound is required, e.g. compound=C001");
        }
        String trimmed = code.trim();
        requireCompound(trimmed);
        return trimmed;
    }

    public void requireCompound(String code) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!Compounds.isCurrent(c, code)) {
                throw ApiError.notFound("no compound " + code);
            }
        }
    }

    /** The CRS of geometry in and out: {@code crs} (OGC URI or EPSG:nnnn), CRS84 by default. */
    public Crs crs(Context ctx) {
        String value = ctx.queryParam("crs");
        return value == null || value.isBlank() ? Crs.CRS84 : crsRegistry.parse("crs", value);
    }

    /** The CRS as the geometry reader of {@code cn.compoundgis.geo} sees it: its code and its own axis order. */
    public static PostedCrs posted(Crs crs) {
        return new PostedCrs(crs.srid(), crs.swapAxes(), Crs.CRS84.equals(crs) ? "CRS84" : "EPSG:" + crs.srid());
    }

    public static long id(String what, String text) {
        long id = Params.whole(what + " id", text);
        if (id <= 0) {
            throw ApiError.badParameter("a " + what + " id is a positive whole number, got '" + text + "'");
        }
        return id;
    }

    /** An optional boolean query parameter: true/false (also 1/0, yes/no). */
    public static boolean flag(Context ctx, String name, boolean fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiError.badParameter(name + "=" + v + " is not a boolean; use true or false");
        };
    }
}
