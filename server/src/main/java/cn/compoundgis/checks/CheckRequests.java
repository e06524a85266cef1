package cn.compoundgis.checks;

import cn.compoundgis.http.ApiError;
import cn.compoundgis.compounds.CompoundCode;
import cn.compoundgis.http.Requests;
import cn.compoundgis.db.Compounds;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.CrsRegistry;
import cn.compoundgis.geo.PostedCrs;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What the check APIs read from a request: the compound and the output CRS; each refused with a clear 400/404. */
public record CheckRequests(DataSource dataSource, CrsRegistry crsRegistry) {

    /** The {@code compound} query parameter, which must name a current compound. */
    public String compound(Context ctx) throws SQLException {
        String code = CompoundCode.queryParam(ctx);
        requireCompound(code);
        return code;
    }

    public void requireCompound(String code) throws SQLException {
        requireCompound(dataSource, code);
    }

    /** A 404 unless {@code code} names a current compound in {@code dataSource}. */
    public static void requireCompound(DataSource dataSource, String code) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!Compounds.isCurrent(c, code)) {
                throw ApiError.notFound("no compound " + code).says("compound.not_found", "compound", code);
            }
        }
    }

    /** The CRS of geometry in and out: {@code crs} (OGC URI or EPSG:nnnn), CRS84 by default. */
    public Crs crs(Context ctx) {
        return Requests.crs(ctx, crsRegistry);
    }

    /** The CRS as the geometry reader of {@code cn.compoundgis.geo} sees it: its code and its own axis order. */
    public static PostedCrs posted(Crs crs) {
        return new PostedCrs(crs.srid(), crs.swapAxes(), Crs.CRS84.equals(crs) ? "CRS84" : "EPSG:" + crs.srid());
    }


}
