package cn.compoundgis.checks.network;

/**
 * Which rows a check reads: a compound's current data ({@code pipe}, {@code pipe_point}) or the staged rows of
 * an upload ({@code staged_pipe}, {@code staged_pipe_point}). The SQL resources name the tables and filters
 * through placeholders that only this class fills, with fixed text; values go in as parameters.
 */
public record NetworkScope(String compoundCode, Long surveyId) {

    public static NetworkScope compound(String code) {
        return new NetworkScope(code, null);
    }

    public static NetworkScope stagedSurvey(long surveyId, String compoundCode) {
        return new NetworkScope(compoundCode, surveyId);
    }

    public boolean staged() {
        return surveyId != null;
    }

    /** A SQL resource with its placeholders filled for this scope. */
    String fill(String sql) {
        String out = sql
                .replace("{pipe}", staged() ? "staged_pipe" : "pipe")
                .replace("{point}", staged() ? "staged_pipe_point" : "pipe_point")
                .replace("{boundary}", staged() ? STAGED_BOUNDARY : CURRENT_BOUNDARY);
        for (String alias : new String[] {"p", "q", "o"}) {
            out = out.replace("{filter:" + alias + "}", filter(alias)).replace("{record:" + alias + "}", record(alias));
        }
        return out;
    }

    private String filter(String alias) {
        return staged()
                ? alias + ".survey_id = s.survey_id"
                : alias + ".compound_code = s.compound_code AND " + alias + ".valid_to IS NULL";
    }

    private String record(String alias) {
        return staged()
                ? alias + ".source_file, " + alias + ".record_no"
                : "NULL::text AS source_file, NULL::integer AS record_no";
    }

    private static final String CURRENT_BOUNDARY =
            "SELECT c.geom FROM compound c, scope s WHERE c.code = s.compound_code AND c.valid_to IS NULL";
    /** The boundary delivered with the upload, else the compound's current one. */
    private static final String STAGED_BOUNDARY =
            "SELECT geom FROM (SELECT sc.geom, 0 AS rank FROM staged_compound sc, scope s WHERE sc.survey_id = s.survey_id"
            + " UNION ALL SELECT c.geom, 1 FROM compound c, scope s WHERE c.code = s.compound_code AND c.valid_to IS NULL)"
            + " b ORDER BY rank LIMIT 1";
}
