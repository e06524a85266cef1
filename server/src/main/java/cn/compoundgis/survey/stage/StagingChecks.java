package cn.compoundgis.survey.stage;

import cn.compoundgis.http.Message;
import static cn.compoundgis.survey.stage.StageQueries.ANALYZE_PIPES;
import static cn.compoundgis.survey.stage.StageQueries.ANALYZE_PIPE_POINTS;
import static cn.compoundgis.survey.stage.StageQueries.ANY_CANDIDATE_POINT;
import static cn.compoundgis.survey.stage.StageQueries.ENDS_OFF_POINTS;
import static cn.compoundgis.survey.stage.StageQueries.INDEX_CANDIDATE_POINTS;
import static cn.compoundgis.survey.stage.StageQueries.OVERLAPS;

import cn.compoundgis.db.NamedSql;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.survey.recognize.LayerKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks that need the staged data as a whole (pipe ends on points, elevations against depths, segment
 * lengths, data far from its compound): from what {@link ShapeChecks} found while staging where it could answer,
 * else by their SQL in {@link StageQueries}.
 */
final class StagingChecks {
    private StagingChecks() {
    }

    /** Runs the checks; answers whether they analysed the staged tables (else the statistics are still to be made). */
    static boolean run(Connection conn, ValidationReport report, ValidationRules rules, List<LayerKind> kinds, ShapeChecks shapes)
            throws SQLException {
        boolean analyzed = false;
        if (kinds.contains(LayerKind.PIPES)) {
            boolean ownPoints = kinds.contains(LayerKind.PIPE_POINTS);
            Optional<List<ShapeChecks.End>> ends = shapes.ends();
            if (ends.isEmpty() || ends.get().stream().anyMatch(ShapeChecks.End::offNamed)) {
                analyze(conn, kinds); // the SQL below joins the staged rows
                analyzed = true;
            }
            pipeEnds(conn, report, rules, ends.isPresent() ? ends.get() : endsAtNamedPoints(conn, report, rules, ownPoints),
                    ownPoints);
            shapes.oddLengths().forEach(odd -> oddLength(report, rules, odd));
        }
        // A new compound's data is measured against its delivered boundary, a known one's (its new boundary too)
        // against the current boundary.
        for (LayerKind kind : kinds.stream().distinct().filter(k -> !(report.compoundNew && k == LayerKind.COMPOUNDS)).toList()) {
            Optional<List<ShapeChecks.Far>> measured = shapes.farFromCompound(kind);
            if (measured.isPresent()) {
                measured.get().forEach(far -> farFromCompound(report, rules, far.file(), far.count(), far.farthest()));
            } else {
                farFromCompound(conn, report, rules, kind);
            }
        }
        if (kinds.contains(LayerKind.COMPOUNDS)) {
            overlaps(conn, report, rules);
        }
        return analyzed;
    }

    /**
     * Fresh staging rows have no statistics: the planner needs the join columns' to hash the joins of these checks,
     * of the network checks of a staged survey and of its commit.
     */
    static void analyze(Connection conn, List<LayerKind> kinds) throws SQLException {
        if (kinds.contains(LayerKind.PIPES)) {
            Sql.run(conn, ANALYZE_PIPES, SqlParams.of());
        }
        if (kinds.contains(LayerKind.PIPE_POINTS)) {
            Sql.run(conn, ANALYZE_PIPE_POINTS, SqlParams.of());
        }
    }

    /**
     * The ends off their named point or whose elevations disagree, as {@link ShapeChecks} found them while staging
     * or PostgreSQL over the staged rows: elevation mismatches are warned; ends off their named point are looked
     * for among all the points ({@code ownPoints}: the upload's, else the compound's current ones).
     */
    private static void pipeEnds(Connection conn, ValidationReport report, ValidationRules rules, List<ShapeChecks.End> ends,
                                 boolean ownPoints) throws SQLException {
        boolean offNamed = false;
        for (ShapeChecks.End end : ends) {
            if (end.offNamed()) {
                offNamed = true;
            } else {
                elevationMismatch(report, rules, end.file(), end.record(), end.which(), end.no(), end.depth(),
                        end.elevation(), end.ground());
            }
        }
        if (offNamed) {
            endsOffAnyPoint(conn, report, rules.endOnPointToleranceM(), ownPoints);
        }
    }

    /** {@link StageQueries#endsAtNamedPoints}: the ends found by PostgreSQL where ShapeChecks could not answer. */
    private static List<ShapeChecks.End> endsAtNamedPoints(Connection conn, ValidationReport report, ValidationRules rules,
                                                           boolean ownPoints) throws SQLException {
        String sql = StageQueries.endsAtNamedPoints(ownPoints);
        List<ShapeChecks.End> ends = new java.util.ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(conn, sql, scoped(sql, report).float8("tolerance", rules.endOnPointToleranceM())
                .float8("elevation", rules.elevationMismatchToleranceM()));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ends.add(new ShapeChecks.End(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getBoolean("off_named")));
            }
        }
        return ends;
    }

    private static void elevationMismatch(ValidationReport report, ValidationRules rules, String file, int record,
                                          String which, String point, double depth, double elevation, double ground) {
        report.warning(new Problem(file, record, which + "_depth_m", String.valueOf(depth),
                "elevation_mismatch", String.format("at point %s: ground %.3f m ≠ depth %.3f m + pipe elevation %.3f m"
                        + " (off by %.3f m, more than %.2f m)", point, ground, depth, elevation,
                ground - depth - elevation, rules.elevationMismatchToleranceM()),
                Message.params("point", point, "ground", millimetres(ground), "depth", millimetres(depth),
                        "elevation", millimetres(elevation), "off", millimetres(ground - depth - elevation),
                        "tolerance", rules.elevationMismatchToleranceM())));
    }

    /** Ends off their named point may still sit on another point: looked for through a spatial index. */
    private static void endsOffAnyPoint(Connection conn, ValidationReport report, double tolerance, boolean ownPoints)
            throws SQLException {
        String candidates = StageQueries.candidatePoints(ownPoints);
        Sql.run(conn, candidates, scoped(candidates, report));
        for (String index : INDEX_CANDIDATE_POINTS) {
            Sql.run(conn, index, SqlParams.of());
        }
        if (!Sql.exists(conn, ANY_CANDIDATE_POINT, SqlParams.of())) {
            return; // no points delivered or surveyed: nothing to measure the ends against
        }
        try (PreparedStatement ps = Sql.prepare(conn, ENDS_OFF_POINTS, scoped(ENDS_OFF_POINTS, report).float8("tolerance", tolerance));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String which = rs.getString(3);
                report.warning(new Problem(rs.getString(1), rs.getInt(2), which + "_no", rs.getString(4), "end_not_on_point",
                        String.format("the %s of the pipe (point %s) is not within %.2f m of any pipe point (nearest %.2f m)",
                                which, rs.getString(4), tolerance, rs.getDouble(5)),
                        Message.params("end", which, "point", rs.getString(4), "tolerance", tolerance,
                                "nearest", centimetres(rs.getDouble(5)))));
            }
        }
    }

    private static void oddLength(ValidationReport report, ValidationRules rules, ShapeChecks.OddLength odd) {
        double length = odd.length();
        boolean isLong = length > rules.longSegmentM();
        report.warning(new Problem(odd.file(), odd.record(), null, String.format("%.3f", length),
                isLong ? "long_segment" : "short_segment",
                String.format("the pipe is %.2f m long, %s %.2f m", length, isLong ? "over" : "under",
                        isLong ? rules.longSegmentM() : rules.shortSegmentM()),
                Message.params("length", centimetres(length),
                        "limit", isLong ? rules.longSegmentM() : rules.shortSegmentM())));
    }

    private static void farFromCompound(Connection conn, ValidationReport report, ValidationRules rules, LayerKind kind)
            throws SQLException {
        String sql = StageQueries.farFromCompound(kind, report.compoundNew);
        try (PreparedStatement ps = Sql.prepare(conn, sql, scoped(sql, report).float8("far", rules.farFromCompoundM()))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    farFromCompound(report, rules, rs.getString(1), rs.getLong(2), rs.getDouble(3));
                }
            }
        }
    }

    private static void farFromCompound(ValidationReport report, ValidationRules rules, String file, long count, double farthest) {
        String from = report.compoundNew ? "the delivered boundary of new compound " : "compound ";
        report.warning(new Problem(file, 0, null, null, "far_from_compound",
                String.format("%d feature(s) lie more than %.0f m from %s%s (up to %.0f m): "
                        + "is the CRS or the compound right?", count, rules.farFromCompoundM(), from, report.compound, farthest),
                Message.params("n", count, "limit", rules.farFromCompoundM(), "compound", report.compound,
                        "fromBoundary", report.compoundNew, "farthest", Math.round(farthest))));
    }

    private static void overlaps(Connection conn, ValidationReport report, ValidationRules rules) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(conn, OVERLAPS, scoped(OVERLAPS, report)
                .float8("overlap", rules.boundaryOverlapMinM2()));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                report.warning(new Problem(rs.getString(1), rs.getInt(2), null, rs.getString(3), "overlaps_compound",
                        String.format("the boundary overlaps compound %s (%s) by %.1f m²", rs.getString(3), rs.getString(4),
                                rs.getDouble(5)),
                        Message.params("compound", rs.getString(3), "name", rs.getString(4),
                                "area", Math.round(rs.getDouble(5) * 10) / 10.0)));
            }
        }
    }

    /** :survey and :compound from the report, each where {@code sql} uses it (the point scopes use one or the other). */
    private static SqlParams scoped(String sql, ValidationReport report) {
        NamedSql named = NamedSql.of(sql);
        SqlParams params = SqlParams.of();
        if (named.names().contains("survey")) {
            params.bigint("survey", report.surveyId);
        }
        if (named.names().contains("compound")) {
            params.text("compound", report.compound);
        }
        return params;
    }

    /** A length in metres to the millimetre, for a finding's parameters. */
    private static double millimetres(double m) {
        return Math.round(m * 1000) / 1000.0;
    }

    private static double centimetres(double m) {
        return Math.round(m * 100) / 100.0;
    }
}
