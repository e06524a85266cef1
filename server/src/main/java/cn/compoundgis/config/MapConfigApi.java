package cn.compoundgis.config;

import cn.compoundgis.geo.AreaOfUse;
import cn.compoundgis.geo.GeometryLimits;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@code GET /api/map-config}: what the web map needs to know about this deployment: the working CRS
 * (its EPSG code, name and proj4 definition from PostGIS' {@code spatial_ref_sys}, for the coordinate
 * read-out) and the optional base map ({@code BASEMAP_URL}, a Leaflet tile URL template such as
 * {@code https://tile.example.org/{z}/{x}/{y}.png}, and {@code BASEMAP_ATTRIBUTION}). Without a base map
 * the page draws on a neutral background and needs no internet.
 */
public final class MapConfigApi {
    static final String BASEMAP_URL = "BASEMAP_URL";
    static final String BASEMAP_ATTRIBUTION = "BASEMAP_ATTRIBUTION";

    private final DataSource dataSource;
    private final int workingSrid;
    private final Optional<String> basemapUrl;
    private final String basemapAttribution;

    public MapConfigApi(DataSource dataSource, int workingSrid, Map<String, String> env) {
        this.dataSource = dataSource;
        this.workingSrid = workingSrid;
        this.basemapUrl = Optional.ofNullable(env.get(BASEMAP_URL)).map(String::trim).filter(s -> !s.isEmpty());
        this.basemapAttribution = env.getOrDefault(BASEMAP_ATTRIBUTION, "").trim();
    }

    public void mapConfig(Context ctx) throws SQLException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("workingCrs", workingCrs());
        ObjectNode basemap = Json.MAPPER.createObjectNode();
        basemapUrl.ifPresent(url -> {
            basemap.put("url", url);
            basemap.put("attribution", basemapAttribution);
        });
        body.set("basemap", basemapUrl.isPresent() ? basemap : null);
        ctx.json(body);
    }

    private ObjectNode workingCrs() throws SQLException {
        ObjectNode crs = Json.MAPPER.createObjectNode();
        crs.put("srid", workingSrid);
        crs.put("uri", "http://www.opengis.net/def/crs/EPSG/0/" + workingSrid);
        String sql = "SELECT trim(proj4text), substring(srtext FROM '^[A-Z]+\\[\"([^\"]+)\"') "
                + "FROM spatial_ref_sys WHERE srid = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, workingSrid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("EPSG:" + workingSrid + " is not in spatial_ref_sys");
                }
                crs.put("proj4", rs.getString(1));
                crs.put("name", rs.getString(2));
            }
        }
        // Gauss-Kruger grids are read as surveyors write them: X = northing first, Y = easting.
        crs.put("axisOrder", "northing,easting");
        // where the map of a database without compounds starts (west, south, east, north in degrees), or null
        AreaOfUse.lonLatBox(workingSrid, GeometryLimits.DEFAULTS).ifPresentOrElse(
                box -> crs.putArray("areaOfUse").add(box[0]).add(box[1]).add(box[2]).add(box[3]),
                () -> crs.putNull("areaOfUse"));
        return crs;
    }
}
