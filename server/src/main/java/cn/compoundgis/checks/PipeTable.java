package cn.compoundgis.checks;

import cn.compoundgis.db.ResultSets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Where the pipes of a check come from: the current surveyed pipes, a staged upload, or the designed pipes of
 * one request (a temporary table). Each gives the same columns, so that one reader makes a {@link Pipe} of
 * any of them; the accuracy class of a pipe's ends comes from the pipe points of the same source.
 */
public enum PipeTable {
    EXISTING(Pipe.EXISTING, "pipe", "(SELECT pp.accuracy_class FROM pipe_point pp WHERE pp.compound_code = %1$s.compound_code"
            + " AND pp.point_no = %1$s.%2$s AND pp.valid_to IS NULL LIMIT 1)"),
    STAGED(Pipe.STAGED, "staged_pipe", "(SELECT pp.accuracy_class FROM staged_pipe_point pp WHERE pp.survey_id = %1$s.survey_id"
            + " AND pp.point_no = %1$s.%2$s LIMIT 1)"),
    DESIGN(Pipe.DESIGN, "design_pipe", "NULL::text");

    /** The temporary table of a request's designed pipes (dropped at the end of its transaction). */
    public static final String CREATE_DESIGN_TABLE = """
            CREATE TEMP TABLE design_pipe (
                id bigint PRIMARY KEY, source_id text, compound_code text, survey_id bigint, network text NOT NULL,
                start_no text, end_no text, size_text text, dn_mm integer, width_mm integer, height_mm integer,
                material text, start_depth_m numeric, end_depth_m numeric, start_elevation_m numeric,
                end_elevation_m numeric, depth_reference text NOT NULL, burial_method text, pressure_class text,
                owner text, extra jsonb NOT NULL DEFAULT '{}', geom geometry NOT NULL
            ) ON COMMIT DROP""";

    private final String origin;
    private final String table;
    private final String accuracyTemplate;

    PipeTable(String origin, String table, String accuracyTemplate) {
        this.origin = origin;
        this.table = table;
        this.accuracyTemplate = accuracyTemplate;
    }

    public String table() {
        return table;
    }

    /** The columns {@link #read} expects, for table alias {@code alias}, named with {@code prefix}. */
    public String columns(String alias, String prefix) {
        String[][] plain = {
                {"id", "id"}, {"source_id", "source_id"}, {"compound_code", "compound"}, {"network", "network"},
                {"start_no", "start_no"}, {"end_no", "end_no"}, {"size_text", "size_text"}, {"dn_mm", "dn_mm"},
                {"width_mm", "width_mm"}, {"height_mm", "height_mm"}, {"material", "material"},
                {"start_depth_m", "start_depth_m"}, {"end_depth_m", "end_depth_m"},
                {"start_elevation_m", "start_elevation_m"}, {"end_elevation_m", "end_elevation_m"},
                {"depth_reference", "depth_reference"}, {"burial_method", "burial_method"},
                {"pressure_class", "pressure_class"}, {"owner", "owner"}};
        StringBuilder sql = new StringBuilder();
        for (String[] c : plain) {
            sql.append(alias).append('.').append(c[0]).append(" AS ").append(prefix).append(c[1]).append(", ");
        }
        sql.append(alias).append(".extra->>'role' AS ").append(prefix).append("role, ");
        sql.append("coalesce(lower(").append(alias).append(".extra->>'temporary') IN ('true', '1', 'yes'), false) AS ")
                .append(prefix).append("temporary, ");
        sql.append(String.format(accuracyTemplate, alias, "start_no")).append(" AS ").append(prefix).append("start_accuracy, ");
        sql.append(String.format(accuracyTemplate, alias, "end_no")).append(" AS ").append(prefix).append("end_accuracy");
        return sql.toString();
    }

    public Pipe read(ResultSet rs, String prefix) throws SQLException {
        return new Pipe(origin, rs.getLong(prefix + "id"), rs.getString(prefix + "source_id"),
                rs.getString(prefix + "compound"), rs.getString(prefix + "network"), rs.getString(prefix + "start_no"),
                rs.getString(prefix + "end_no"), rs.getString(prefix + "size_text"),
                ResultSets.integerOrNull(rs, prefix + "dn_mm"), ResultSets.integerOrNull(rs, prefix + "width_mm"),
                ResultSets.integerOrNull(rs, prefix + "height_mm"), rs.getString(prefix + "material"),
                ResultSets.doubleOrNull(rs, prefix + "start_depth_m"), ResultSets.doubleOrNull(rs, prefix + "end_depth_m"),
                ResultSets.doubleOrNull(rs, prefix + "start_elevation_m"),
                ResultSets.doubleOrNull(rs, prefix + "end_elevation_m"),
                rs.getString(prefix + "depth_reference"), rs.getString(prefix + "burial_method"),
                rs.getString(prefix + "pressure_class"), rs.getString(prefix + "owner"), rs.getString(prefix + "role"),
                rs.getBoolean(prefix + "temporary"), rs.getString(prefix + "start_accuracy"),
                rs.getString(prefix + "end_accuracy"));
    }



    /**
     * A pipe's centre line as one 2-D LineString (for ST_LineLocatePoint): a MultiLineString is merged, and
     * joined vertex by vertex where its parts do not meet.
     */
    public static String line(String geom) {
        String flat = "ST_Force2D(" + geom + ")";
        return "(CASE WHEN GeometryType(" + geom + ") = 'LINESTRING' THEN " + flat
                + " WHEN GeometryType(ST_LineMerge(" + flat + ")) = 'LINESTRING' THEN ST_LineMerge(" + flat + ")"
                + " ELSE ST_MakeLine(ARRAY(SELECT (ST_DumpPoints(" + flat + ")).geom)) END)";
    }
}
