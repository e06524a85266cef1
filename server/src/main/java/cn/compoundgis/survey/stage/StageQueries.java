package cn.compoundgis.survey.stage;

import cn.compoundgis.db.SqlResource;
import cn.compoundgis.survey.recognize.LayerKind;
import java.util.List;

/**
 * The SQL of staging an upload (SurveyImporter, StagingChecks, StagingWriter) and of the local grids, with named
 * parameters bound through {@link cn.compoundgis.db.Sql}: {@code :survey} the staged survey's id, {@code :compound}
 * its compound's code. Table and column names come from {@link LayerKind} and the schema, never from a request.
 *
 * <p>The staged records themselves are not bound here: they stream into the staging tables through one COPY per
 * layer ({@link #copyInto}), which has no parameters, so the per-record path never parses a statement. A statement
 * prepared once and run for many rows (a JDBC batch) would stay positional for the same reason; staging has none.
 */
final class StageQueries {
    private StageQueries() {
    }

    static final String LOCAL_GRID = SqlResource.load("/survey/local-grid.sql");
    static final String SAVE_LOCAL_GRID = SqlResource.load("/survey/local-grid-save.sql");

    /** The smallest current compound containing the working-CRS point (:x, :y) of SRID :srid. */
    static final String COMPOUND_AT_POINT = """
            SELECT code, name FROM compound
            WHERE valid_to IS NULL
              AND ST_Intersects(geom, ST_Transform(ST_SetSRID(ST_MakePoint(:x, :y), :srid), Find_SRID('public', 'compound', 'geom')))
            ORDER BY ST_Area(geom) LIMIT 1""";

    /** Longitude and latitude (CGCS2000) of a point inside a current compound, for the CRS suggestion of an upload. */
    static final String COMPOUND_LON_LAT = "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4490) AS p"
            + " FROM compound WHERE code = :compound AND valid_to IS NULL AND geom IS NOT NULL) c";
    static final String TRY_LOCK_COMPOUND = "SELECT pg_try_advisory_xact_lock(hashtext('compound-gis:compound:' || :compound))";

    static final String INSERT_SURVEY = """
            INSERT INTO survey (compound_code, title, status, source_crs, encoding, layers, upload_name, base_version,
                                uploaded_by)
            VALUES (:compound, :title, 'staged', :source_crs, :encoding, :layers, :upload_name,
                    (SELECT max(committed_at) FROM survey WHERE compound_code = :compound AND status = 'committed'), :uploaded_by)
            RETURNING id""";

    /** Delivered boundaries PostGIS finds invalid, taken out of staging, with its reason. */
    static final String REJECT_INVALID_BOUNDARIES = """
            DELETE FROM staged_compound WHERE survey_id = :survey AND NOT ST_IsValid(geom)
            RETURNING source_file, record_no, ST_IsValidReason(geom)""";

    static final String STAGED_BOUNDARY_EXISTS = "SELECT 1 FROM staged_compound WHERE survey_id = :survey LIMIT 1";

    static final String SAVE_REPORT = "UPDATE survey SET report = :report::jsonb WHERE id = :survey";

    /** The staging rows of one layer, in {@code columns} then geom, as COPY text. */
    static String copyInto(LayerKind kind, List<String> columns) {
        return "COPY " + kind.stagedTable() + " (" + String.join(", ", columns) + ", geom) FROM STDIN";
    }

    // --- checks of the staged data as a whole (StagingChecks) ------------------------------------------------

    /**
     * Fresh staging rows have no statistics; the checks join pipes to points by number, and the planner needs
     * to know their sizes to hash those joins. Only the join columns are analysed (geometry statistics are costly).
     */
    static final String ANALYZE_PIPES = "ANALYZE staged_pipe (survey_id, start_no, end_no)";
    static final String ANALYZE_PIPE_POINTS = "ANALYZE staged_pipe_point (survey_id, point_no)";

    /**
     * Each end of each staged pipe, with its point number, depth and elevation there. The points it should
     * end on are the upload's own ({@code %1$s} = staged_pipe_point, scoped by survey) or else the compound's
     * current ones (pipe_point, scoped by compound); queried through their spatial index, never as a whole.
     */
    private static final String ENDS = """
            SELECT p.source_file, p.record_no, e.which, e.no, e.depth, e.elevation, e.at
            FROM staged_pipe p
            CROSS JOIN LATERAL (VALUES
                ('start', p.start_no, p.start_depth_m, p.start_elevation_m, ST_StartPoint(ST_GeometryN(p.geom, 1))),
                ('end', p.end_no, p.end_depth_m, p.end_elevation_m, ST_EndPoint(ST_GeometryN(p.geom, ST_NumGeometries(p.geom))))
            ) AS e(which, no, depth, elevation, at)
            WHERE p.survey_id = :survey""";

    /**
     * One pass over the pipe ends joined to the points they name (a hash join on the number): ends off their
     * named point, and ends where ground elevation ≠ depth + pipe elevation.
     */
    private static final String ENDS_AT_NAMED_POINTS = "SELECT ends.source_file, ends.record_no, ends.which, ends.no, "
            + "ends.depth, ends.elevation, named.ground_elevation_m, "
            + "(named.geom IS NULL OR NOT ST_DWithin(named.geom, ends.at, :tolerance)) AS off_named "
            + "FROM (" + ENDS + ") ends LEFT JOIN %1$s named ON named.point_no = ends.no AND %2$s "
            + "WHERE named.geom IS NULL OR NOT ST_DWithin(named.geom, ends.at, :tolerance) "
            + "OR (ends.depth IS NOT NULL AND ends.elevation IS NOT NULL AND named.ground_elevation_m IS NOT NULL "
            + "AND abs(named.ground_elevation_m - (ends.depth + ends.elevation)) > :elevation) "
            + "ORDER BY ends.source_file, ends.record_no, ends.which DESC";

    /**
     * The points the pipes are checked against, with a spatial index built in one go (much faster than the
     * row-by-row index a staging table would keep up during COPY). Dropped at the end of the transaction.
     */
    private static final String CANDIDATE_POINTS = "CREATE TEMP TABLE candidate_points ON COMMIT DROP AS "
            + "SELECT q.point_no, q.geom FROM %1$s q WHERE %2$s";
    static final List<String> INDEX_CANDIDATE_POINTS = List.of("CREATE INDEX ON candidate_points USING gist (geom)",
            "CREATE INDEX ON candidate_points (point_no)", "ANALYZE candidate_points");
    static final String ANY_CANDIDATE_POINT = "SELECT 1 FROM candidate_points LIMIT 1";

    /** Ends off their named point and off any other point within the tolerance, with the nearest distance. */
    static final String ENDS_OFF_POINTS = "SELECT ends.source_file, ends.record_no, ends.which, ends.no, "
            + "(SELECT ST_Distance(c.geom, ends.at) FROM candidate_points c ORDER BY c.geom <-> ends.at LIMIT 1) "
            + "FROM (" + ENDS + ") ends "
            + "LEFT JOIN candidate_points named ON named.point_no = ends.no "
            + "WHERE (named.geom IS NULL OR NOT ST_DWithin(named.geom, ends.at, :tolerance)) "
            + "AND NOT EXISTS (SELECT 1 FROM candidate_points c WHERE ST_DWithin(c.geom, ends.at, :tolerance)) "
            + "ORDER BY ends.source_file, ends.record_no, ends.which DESC";

    private static final String UPLOADED_POINTS = "staged_pipe_point";
    private static final String UPLOADED_POINTS_SCOPE = "q.survey_id = :survey";
    private static final String CURRENT_POINTS = "pipe_point";
    private static final String CURRENT_POINTS_SCOPE = "q.compound_code = :compound AND q.valid_to IS NULL";

    /** {@link #ENDS_AT_NAMED_POINTS} against the upload's own points or else the compound's current ones. */
    static String endsAtNamedPoints(boolean uploadedPoints) {
        String scope = uploadedPoints ? UPLOADED_POINTS_SCOPE : CURRENT_POINTS_SCOPE;
        return String.format(ENDS_AT_NAMED_POINTS, uploadedPoints ? UPLOADED_POINTS : CURRENT_POINTS,
                scope.replace("q.", "named."));
    }

    /** {@link #CANDIDATE_POINTS} of the upload's own points or else the compound's current ones. */
    static String candidatePoints(boolean uploadedPoints) {
        return String.format(CANDIDATE_POINTS, uploadedPoints ? UPLOADED_POINTS : CURRENT_POINTS,
                uploadedPoints ? UPLOADED_POINTS_SCOPE : CURRENT_POINTS_SCOPE);
    }

    /** Staged features (%1$s) further than :far from the compound's boundary (%2$s: the current or the delivered one). */
    private static final String FAR_FROM_COMPOUND = """
            SELECT s.source_file, count(*), max(ST_Distance(s.geom, c.geom))
            FROM %1$s s JOIN %2$s
            WHERE s.survey_id = :survey AND NOT ST_DWithin(s.geom, c.geom, :far)
            GROUP BY s.source_file""";
    private static final String CURRENT_BOUNDARY = "compound c ON c.code = :compound AND c.valid_to IS NULL";
    /** The current boundary of :compound, for {@link ShapeChecks} to measure each staged shape against. */
    static final String CURRENT_BOUNDARY_SHAPE = "SELECT ST_AsBinary(geom) FROM compound WHERE code = :compound AND valid_to IS NULL"
            + " AND geom IS NOT NULL";
    private static final String DELIVERED_BOUNDARY = "staged_compound c ON c.survey_id = :survey";

    /** {@link #FAR_FROM_COMPOUND} for the staged rows of {@code kind}, from the delivered or else the current boundary. */
    static String farFromCompound(LayerKind kind, boolean deliveredBoundary) {
        return String.format(FAR_FROM_COMPOUND, kind.stagedTable(), deliveredBoundary ? DELIVERED_BOUNDARY : CURRENT_BOUNDARY);
    }

    /** Other current compounds a delivered boundary overlaps by more than :overlap m², with the area. */
    static final String OVERLAPS = """
            SELECT source_file, record_no, code, name, area FROM (
                SELECT s.source_file, s.record_no, c.code, c.name, ST_Area(ST_Intersection(s.geom, c.geom)) AS area
                FROM staged_compound s
                JOIN compound c ON c.valid_to IS NULL AND c.code <> s.code AND ST_Intersects(c.geom, s.geom)
                WHERE s.survey_id = :survey AND ST_IsValid(c.geom)) o
            WHERE area > :overlap
            ORDER BY source_file, record_no, area DESC""";
}
