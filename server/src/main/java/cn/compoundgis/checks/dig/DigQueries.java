package cn.compoundgis.checks.dig;

import cn.compoundgis.checks.PipeTable;
import cn.compoundgis.geo.Crs;

/**
 * The dig check's SQL, with named parameters: the area in the working CRS, then the pipes and points within
 * {@code :radius} of it by the GiST index, at most {@code :limit}, by id (so that a cut-off is the same each time).
 */
final class DigQueries {
    private static final int GEOJSON_NO_OPTIONS = 0;

    private final int storageSrid;

    DigQueries(int storageSrid) {
        this.storageSrid = storageSrid;
    }

    int storageSrid() {
        return storageSrid;
    }

    /** {@code raw} reads {@code :geometry}; a trench ({@code :trench}) is grown by {@code :half_width} (flat ends). */
    String area(String raw, Crs out) {
        return "SELECT ST_IsValidReason(r.g), ST_AsBinary(a.g), ST_XMax(a.g) - ST_XMin(a.g), ST_YMax(a.g) - ST_YMin(a.g),"
                + " ST_Area(a.g), " + geoJson("a.g", out) + " FROM (SELECT " + raw + " AS g) r"
                + " CROSS JOIN LATERAL (SELECT CASE WHEN :trench THEN ST_Buffer(r.g, :half_width, 'endcap=flat join=mitre')"
                + " ELSE r.g END AS g) a";
    }

    /** The subject of {@link cn.compoundgis.geo.Coverage#measure}: the area's WKB as {@code :area}. */
    String coverageSubject() {
        return "SELECT ST_GeomFromWKB(:area, " + storageSrid + ") AS g";
    }

    String pipes(Crs out) {
        return "SELECT " + PipeTable.EXISTING.columns("p", "") + ", s.surveyed_on::text AS surveyed_on,"
                + " p.survey_id AS survey, ST_AsBinary(" + PipeTable.line("p.geom") + ") AS line_wkb,"
                + " " + geoJson("p.geom", out) + " AS geometry"
                + " FROM pipe p LEFT JOIN survey s ON s.id = p.survey_id"
                + " WHERE p.valid_to IS NULL AND " + near("p.geom") + " ORDER BY p.id LIMIT :limit";
    }

    String points(Crs out) {
        return "SELECT pp.id, pp.compound_code, pp.point_no, pp.network, pp.feature, pp.appurtenance,"
                + " pp.ground_elevation_m, pp.well_depth_m, pp.accuracy_class, ST_X(pp.geom), ST_Y(pp.geom),"
                + " " + geoJson("pp.geom", out) + " AS geometry, s.surveyed_on::text AS surveyed_on, pp.survey_id AS survey"
                + " FROM pipe_point pp LEFT JOIN survey s ON s.id = pp.survey_id"
                + " WHERE pp.valid_to IS NULL AND " + near("pp.geom") + " ORDER BY pp.id LIMIT :limit";
    }

    /** A report made: its number from the year and the id (WJ-2026-000123), who asked, the area as WKB in the working CRS. */
    String recordReport() {
        return "WITH n AS (SELECT nextval('dig_report_id_seq') AS id)"
                + " INSERT INTO dig_report (id, number, requested_by, dig_depth_m, items, compounds, area)"
                + " SELECT id, 'WJ-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(id::text, 6, '0'),"
                + " :requested_by, :depth, :items, :compounds, ST_GeomFromWKB(:area, " + storageSrid + ") FROM n"
                + " RETURNING number, created_at";
    }

    /** The register's name, district and address of the compounds a report covers. */
    static final String COMPOUNDS = "SELECT code, name, district, address FROM compound"
            + " WHERE code = ANY (:codes) AND valid_to IS NULL ORDER BY code";

    private String near(String geom) {
        return "ST_DWithin(" + geom + ", ST_GeomFromWKB(:area, " + storageSrid + "), :radius)";
    }

    private String geoJson(String geom, Crs out) {
        return "ST_AsGeoJSON(" + out.geometryExpression(geom, storageSrid) + ", " + out.decimals() + ", "
                + GEOJSON_NO_OPTIONS + ")";
    }
}
