package cn.compoundgis.checks.clearance;

import cn.compoundgis.checks.PipeTable;
import cn.compoundgis.geo.Crs;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the clearance check. Candidate pairs come from the GiST index: ST_DWithin of the centre lines
 * with the largest rule distance plus a margin, never all pairs. PostGIS measures each pair (plan distance,
 * crossing, where along each pipe, the location in the answer's CRS); the rules are applied in Java.
 */
final class ClearanceQueries {
    private static final int GEOJSON_NO_OPTIONS = 0;

    /**
     * Which pipes are checked against which: {@code subject} rows matching {@code subjectFilter} against
     * {@code against} rows matching {@code againstFilter} (which may refer to the subject as {@code a}).
     */
    record Pairing(PipeTable subject, String subjectFilter, List<Object> subjectParameters,
                   PipeTable against, String againstFilter, List<Object> againstParameters) {
    }

    record Statement(String sql, List<Object> parameters) {
    }

    private final int storageSrid;

    ClearanceQueries(int storageSrid) {
        this.storageSrid = storageSrid;
    }

    Statement pairs(Pairing p, Crs out, double searchRadiusM, double touchToleranceM) {
        String la = "g.la";
        String lb = "g.lb";
        String location = "CASE WHEN ST_Intersects(" + la + ", " + lb + ") THEN ST_ClosestPoint(" + la + ", " + lb + ")"
                + " ELSE ST_ShortestLine(" + la + ", " + lb + ") END";
        String sql = "SELECT " + p.subject().columns("a", "a_") + ", " + p.against().columns("b", "b_") + ","
                + " ST_Distance(" + la + ", " + lb + ") AS plan_distance,"
                + " ST_Intersects(" + la + ", " + lb + ") AS crosses,"
                + " ST_LineLocatePoint(" + la + ", ST_ClosestPoint(" + la + ", " + lb + ")) AS a_fraction,"
                + " ST_LineLocatePoint(" + lb + ", ST_ClosestPoint(" + lb + ", " + la + ")) AS b_fraction,"
                + " (a.network = b.network AND (ST_DWithin(ST_StartPoint(" + la + "), " + lb + ", ?)"
                + " OR ST_DWithin(ST_EndPoint(" + la + "), " + lb + ", ?) OR ST_DWithin(ST_StartPoint(" + lb + "), " + la + ", ?)"
                + " OR ST_DWithin(ST_EndPoint(" + lb + "), " + la + ", ?))) AS connected,"
                + " ST_AsGeoJSON(" + out.geometryExpression(location, storageSrid) + ", " + out.decimals() + ", "
                + GEOJSON_NO_OPTIONS + ") AS location"
                + " FROM " + p.subject().table() + " a"
                + " JOIN " + p.against().table() + " b ON (" + p.againstFilter() + ") AND ST_DWithin(a.geom, b.geom, ?)"
                + " CROSS JOIN LATERAL (SELECT " + PipeTable.line("a.geom") + " AS la, " + PipeTable.line("b.geom") + " AS lb) g"
                + " WHERE " + p.subjectFilter();
        List<Object> parameters = new ArrayList<>(List.of(touchToleranceM, touchToleranceM, touchToleranceM, touchToleranceM));
        parameters.addAll(p.againstParameters());
        parameters.add(searchRadiusM);
        parameters.addAll(p.subjectParameters());
        return new Statement(sql, parameters);
    }

    /**
     * How many candidate pairs {@link #pairs} would yield, counted by the index alone and at most {@code limit}
     * (so that counting a design far over the limit stops early).
     */
    Statement pairCount(Pairing p, double searchRadiusM, long limit) {
        String sql = "SELECT count(*) FROM (SELECT 1 FROM " + p.subject().table() + " a"
                + " JOIN " + p.against().table() + " b ON (" + p.againstFilter() + ") AND ST_DWithin(a.geom, b.geom, ?)"
                + " WHERE " + p.subjectFilter() + " LIMIT ?) x";
        List<Object> parameters = new ArrayList<>(p.againstParameters());
        parameters.add(searchRadiusM);
        parameters.addAll(p.subjectParameters());
        parameters.add(limit);
        return new Statement(sql, parameters);
    }

    /** Design pipes against the current surveyed pipes, and against each other. */
    static List<Pairing> design() {
        return List.of(
                new Pairing(PipeTable.DESIGN, "true", List.of(), PipeTable.EXISTING, "b.valid_to IS NULL", List.of()),
                new Pairing(PipeTable.DESIGN, "true", List.of(), PipeTable.DESIGN, "b.id > a.id", List.of()));
    }

    /** A compound's current pipes against each other. */
    static List<Pairing> compound(String code) {
        return List.of(new Pairing(PipeTable.EXISTING, "a.compound_code = ? AND a.valid_to IS NULL", List.of(code),
                PipeTable.EXISTING, "b.compound_code = ? AND b.valid_to IS NULL AND b.id > a.id", List.of(code)));
    }

    /**
     * A staged upload's pipes against each other, and against the current pipes that its commit would keep
     * (a delivery replaces the compound's pipes of the networks it delivered, as the commit does).
     */
    static List<Pairing> survey(long surveyId, String compound) {
        return List.of(
                new Pairing(PipeTable.STAGED, "a.survey_id = ?", List.of(surveyId),
                        PipeTable.STAGED, "b.survey_id = ? AND b.id > a.id", List.of(surveyId)),
                new Pairing(PipeTable.STAGED, "a.survey_id = ?", List.of(surveyId),
                        PipeTable.EXISTING, "b.valid_to IS NULL AND NOT (b.compound_code IS NOT DISTINCT FROM ?"
                        + " AND b.network IN (SELECT network FROM staged_pipe WHERE survey_id = ?))",
                        List.of(compound == null ? "" : compound, surveyId)));
    }

    /** One designed pipe; {@code geometryExpression} reads {@code :geometry}. */
    static String insertDesignPipe(String geometryExpression) {
        return "INSERT INTO design_pipe (id, source_id, network, start_no, end_no, size_text, dn_mm, width_mm, height_mm,"
                + " material, start_depth_m, end_depth_m, start_elevation_m, end_elevation_m, depth_reference,"
                + " burial_method, pressure_class, owner, extra, geom)"
                + " VALUES (:id, :source_id, :network, :start_no, :end_no, :size_text, :dn_mm, :width_mm, :height_mm, :material,"
                + " :start_depth_m, :end_depth_m, :start_elevation_m, :end_elevation_m, :depth_reference, :burial_method,"
                + " :pressure_class, :owner, :extra::jsonb, " + geometryExpression + ")";
    }

    static final String INDEX_DESIGN = "CREATE INDEX ON design_pipe USING gist (geom)";
    static final String ANALYZE_DESIGN = "ANALYZE design_pipe";
    /** Designed pipes whose geometry is empty or of no length after reading. */
    static final String DEGENERATE_DESIGN = "SELECT id FROM design_pipe WHERE ST_IsEmpty(geom) OR ST_Length(geom) = 0"
            + " OR NOT ST_IsValid(geom) ORDER BY id LIMIT 1";

    static final String COMPOUND_EXISTS = "SELECT EXISTS (SELECT 1 FROM compound WHERE code = :code AND valid_to IS NULL)"
            + " OR EXISTS (SELECT 1 FROM pipe WHERE compound_code = :code AND valid_to IS NULL)";

    static final String SURVEY = "SELECT id, compound_code, status FROM survey WHERE id = :id";
}
