package cn.compoundgis.survey.stage;

import cn.compoundgis.survey.recognize.LayerKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL of staging: finding and locking the compound, and the checks that need the staged data as a whole
 * (pipe ends on points, elevations against depths, segment lengths, data far from its compound).
 */
final class StagingChecks {
    static final String COMPOUND_AT_POINT = """
            SELECT code, name FROM compound
            WHERE valid_to IS NULL
              AND ST_Intersects(geom, ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), ?), Find_SRID('public', 'compound', 'geom')))
            ORDER BY ST_Area(geom) LIMIT 1""";

    static final String TRY_LOCK_COMPOUND = "SELECT pg_try_advisory_xact_lock(hashtext('compound-gis:compound:' || ?))";

    static final String INSERT_SURVEY = """
            INSERT INTO survey (compound_code, title, status, source_crs, encoding, layers, upload_name, base_version,
                                uploaded_by)
            VALUES (?, ?, 'staged', ?, ?, ?, ?,
                    (SELECT max(committed_at) FROM survey WHERE compound_code = ? AND status = 'committed'), ?)
            RETURNING id""";

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

    /** Ends off their named point and off any other point within the tolerance, with the nearest distance. */
    private static final String ENDS_OFF_POINTS = "SELECT ends.source_file, ends.record_no, ends.which, ends.no, "
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

    private static final String ODD_LENGTHS = """
            SELECT source_file, record_no, ST_Length(geom) FROM staged_pipe
            WHERE survey_id = :survey AND (ST_Length(geom) > :long OR ST_Length(geom) < :short)
            ORDER BY source_file, record_no""";

    /** Staged features (%1$s) further than :far from the compound's boundary (%2$s: the current or the delivered one). */
    private static final String FAR_FROM_COMPOUND = """
            SELECT s.source_file, count(*), max(ST_Distance(s.geom, c.geom))
            FROM %1$s s JOIN %2$s
            WHERE s.survey_id = :survey AND NOT ST_DWithin(s.geom, c.geom, :far)
            GROUP BY s.source_file""";
    private static final String CURRENT_BOUNDARY = "compound c ON c.code = :compound AND c.valid_to IS NULL";
    private static final String DELIVERED_BOUNDARY = "staged_compound c ON c.survey_id = :survey";

    /** Delivered boundaries PostGIS finds invalid, taken out of staging, with its reason. */
    static final String REJECT_INVALID_BOUNDARIES = """
            DELETE FROM staged_compound WHERE survey_id = ? AND NOT ST_IsValid(geom)
            RETURNING source_file, record_no, ST_IsValidReason(geom)""";

    /** Other current compounds a delivered boundary overlaps by more than :overlap m², with the area. */
    private static final String OVERLAPS = """
            SELECT source_file, record_no, code, name, area FROM (
                SELECT s.source_file, s.record_no, c.code, c.name, ST_Area(ST_Intersection(s.geom, c.geom)) AS area
                FROM staged_compound s
                JOIN compound c ON c.valid_to IS NULL AND c.code <> s.code AND ST_Intersects(c.geom, s.geom)
                WHERE s.survey_id = :survey AND ST_IsValid(c.geom)) o
            WHERE area > :overlap
            ORDER BY source_file, record_no, area DESC""";

    /** :name parameters of the statements above; {@code ::type} casts are not parameters. */
    private static final Pattern NAMED_PARAMETER = Pattern.compile("(?<!:):([a-z]+)\\b");

    private StagingChecks() {
    }

    static void run(Connection conn, ValidationReport report, ValidationRules rules, List<LayerKind> kinds) throws SQLException {
        analyze(conn, kinds);
        if (kinds.contains(LayerKind.PIPES)) {
            boolean ownPoints = kinds.contains(LayerKind.PIPE_POINTS);
            String points = ownPoints ? UPLOADED_POINTS : CURRENT_POINTS;
            String scope = ownPoints ? UPLOADED_POINTS_SCOPE : CURRENT_POINTS_SCOPE;
            pipeEnds(conn, report, rules, points, scope);
            oddLengths(conn, report, rules);
        }
        // A new compound's data is measured against its delivered boundary, a known one's (its new boundary too)
        // against the current boundary.
        for (LayerKind kind : kinds.stream().distinct().filter(k -> !(report.compoundNew && k == LayerKind.COMPOUNDS)).toList()) {
            farFromCompound(conn, report, rules, kind);
        }
        if (kinds.contains(LayerKind.COMPOUNDS)) {
            overlaps(conn, report, rules);
        }
    }

    /**
     * Fresh staging rows have no statistics; the checks join pipes to points by number, and the planner needs
     * to know their sizes to hash those joins. Only the join columns are analysed (geometry statistics are costly).
     */
    private static void analyze(Connection conn, List<LayerKind> kinds) throws SQLException {
        try (var s = conn.createStatement()) {
            if (kinds.contains(LayerKind.PIPES)) {
                s.execute("ANALYZE staged_pipe (survey_id, start_no, end_no)");
            }
            if (kinds.contains(LayerKind.PIPE_POINTS)) {
                s.execute("ANALYZE staged_pipe_point (survey_id, point_no)");
            }
        }
    }

    private static void pipeEnds(Connection conn, ValidationReport report, ValidationRules rules, String points,
                                 String scope) throws SQLException {
        double tolerance = rules.endOnPointToleranceM();
        String sql = String.format(ENDS_AT_NAMED_POINTS, points, scope.replace("q.", "named."));
        boolean offNamed = false;
        try (PreparedStatement ps = prepare(conn, sql, report,
                Map.of("tolerance", tolerance, "elevation", rules.elevationMismatchToleranceM()));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getBoolean("off_named")) {
                    offNamed = true;
                } else {
                    elevationMismatch(rs, report, rules);
                }
            }
        }
        if (offNamed) {
            endsOffAnyPoint(conn, report, tolerance, points, scope);
        }
    }

    private static void elevationMismatch(ResultSet rs, ValidationReport report, ValidationRules rules) throws SQLException {
        String which = rs.getString(3);
        double depth = rs.getDouble(5);
        double elevation = rs.getDouble(6);
        double ground = rs.getDouble(7);
        report.warning(new Problem(rs.getString(1), rs.getInt(2), which + "_depth_m", String.valueOf(depth),
                "elevation_mismatch", String.format("at point %s: ground %.3f m ≠ depth %.3f m + pipe elevation %.3f m"
                        + " (off by %.3f m, more than %.2f m)", rs.getString(4), ground, depth, elevation,
                ground - depth - elevation, rules.elevationMismatchToleranceM())));
    }

    /** Ends off their named point may still sit on another point: looked for through a spatial index. */
    private static void endsOffAnyPoint(Connection conn, ValidationReport report, double tolerance, String points,
                                        String scope) throws SQLException {
        try (PreparedStatement create = prepare(conn, String.format(CANDIDATE_POINTS, points, scope), report, Map.of());
             var index = conn.createStatement()) {
            create.execute();
            index.execute("CREATE INDEX ON candidate_points USING gist (geom)");
            index.execute("CREATE INDEX ON candidate_points (point_no)");
            index.execute("ANALYZE candidate_points");
        }
        try (var none = conn.createStatement(); ResultSet rs = none.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM candidate_points)")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return; // no points delivered or surveyed: nothing to measure the ends against
            }
        }
        try (PreparedStatement ps = prepare(conn, ENDS_OFF_POINTS, report, Map.of("tolerance", tolerance));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String which = rs.getString(3);
                report.warning(new Problem(rs.getString(1), rs.getInt(2), which + "_no", rs.getString(4), "end_not_on_point",
                        String.format("the %s of the pipe (point %s) is not within %.2f m of any pipe point (nearest %.2f m)",
                                which, rs.getString(4), tolerance, rs.getDouble(5))));
            }
        }
    }

    private static void oddLengths(Connection conn, ValidationReport report, ValidationRules rules) throws SQLException {
        String sql = ODD_LENGTHS.replace(":long", String.valueOf(rules.longSegmentM()))
                .replace(":short", String.valueOf(rules.shortSegmentM()));
        try (PreparedStatement ps = prepare(conn, sql, report, Map.of())) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double length = rs.getDouble(3);
                    boolean isLong = length > rules.longSegmentM();
                    report.warning(new Problem(rs.getString(1), rs.getInt(2), null, String.format("%.3f", length),
                            isLong ? "long_segment" : "short_segment",
                            String.format("the pipe is %.2f m long, %s %.2f m", length, isLong ? "over" : "under",
                                    isLong ? rules.longSegmentM() : rules.shortSegmentM())));
                }
            }
        }
    }

    private static void farFromCompound(Connection conn, ValidationReport report, ValidationRules rules, LayerKind kind)
            throws SQLException {
        String sql = String.format(FAR_FROM_COMPOUND, kind.stagedTable(), report.compoundNew ? DELIVERED_BOUNDARY : CURRENT_BOUNDARY);
        String from = report.compoundNew ? "the delivered boundary of new compound " : "compound ";
        try (PreparedStatement ps = prepare(conn, sql, report, Map.of("far", rules.farFromCompoundM()))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    report.warning(new Problem(rs.getString(1), 0, null, null, "far_from_compound",
                            String.format("%d feature(s) lie more than %.0f m from %s%s (up to %.0f m): "
                                    + "is the CRS or the compound right?", rs.getLong(2), rules.farFromCompoundM(),
                                    from, report.compound, rs.getDouble(3))));
                }
            }
        }
    }

    private static void overlaps(Connection conn, ValidationReport report, ValidationRules rules) throws SQLException {
        try (PreparedStatement ps = prepare(conn, OVERLAPS, report, Map.of("overlap", rules.boundaryOverlapMinM2()));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                report.warning(new Problem(rs.getString(1), rs.getInt(2), null, rs.getString(3), "overlaps_compound",
                        String.format("the boundary overlaps compound %s (%s) by %.1f m²", rs.getString(3), rs.getString(4),
                                rs.getDouble(5))));
            }
        }
    }

    /** Binds :survey and :compound from the report, and the other :names from {@code values}, in order of appearance. */
    private static PreparedStatement prepare(Connection conn, String namedSql, ValidationReport report,
                                             Map<String, Object> values) throws SQLException {
        List<Object> bound = new ArrayList<>();
        Matcher m = NAMED_PARAMETER.matcher(namedSql);
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object value = switch (name) {
                case "survey" -> report.surveyId;
                case "compound" -> report.compound;
                default -> values.get(name);
            };
            if (value == null) {
                throw new IllegalArgumentException("no value for :" + name);
            }
            bound.add(value);
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        PreparedStatement ps = conn.prepareStatement(sql.toString());
        for (int i = 0; i < bound.size(); i++) {
            ps.setObject(i + 1, bound.get(i));
        }
        return ps;
    }
}
