package cn.compoundgis.survey;

import cn.compoundgis.compounds.RegisterField;
import cn.compoundgis.survey.recognize.LayerKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The SQL of a staged survey's diff, commit and discard (SurveyStore), with named parameters: {@code :survey} the
 * survey's id, {@code :compound} its compound's code. Table and column names come from {@link LayerKind} and the
 * schema, never from a request.
 */
final class SurveyQueries {
    private SurveyQueries() {
    }

    /** Commit and discard take this lock first of all the survey's locks (after the compound's, for a commit). */
    static final String LOCK_SURVEY = "SELECT status FROM survey WHERE id = :survey FOR UPDATE";
    static final String LOCK_COMPOUND = "SELECT pg_advisory_xact_lock(hashtext('compound-gis:compound:' || :compound))";

    static final String LIST = """
            SELECT id, compound_code, status, upload_name, created_at::text, committed_at::text, layers,
                   (SELECT sum((l ->> 'accepted')::int) FROM jsonb_array_elements(report -> 'layers') l) AS accepted,
                   (SELECT sum((l ->> 'rejected')::int) FROM jsonb_array_elements(report -> 'layers') l) AS rejected,
                   uploaded_by, committed_by
            FROM survey WHERE compound_code = :compound AND report IS NOT NULL AND (:status::text IS NULL OR status = :status)
            ORDER BY id DESC""";

    static final String SURVEY = "SELECT id, compound_code, status, layers, report::text, title, surveyed_on::text,"
            + " surveyor, created_at::text, committed_at::text, uploaded_by FROM survey WHERE id = :survey";

    /** The survey behind a feature, as the map's feature panel shows it (MapSurveyApi). */
    static final String FEATURE_SURVEY = "SELECT id, compound_code, title, surveyor, surveyed_on::text, status,"
            + " uploaded_by, committed_by, to_json(committed_at) #>> '{}' AS committed_at FROM survey WHERE id = :survey";

    static final String ACCEPTANCE = "SELECT accepted_findings, acceptance_reason, accepted_at::text, accepted_by"
            + " FROM survey WHERE id = :survey AND accepted_findings IS NOT NULL";

    /**
     * Staged rows (%1$s) against the current ones (%2$s of compound column %3$s, scoped by %4$s), matched on %5$s.
     */
    private static final String DIFF = """
            WITH n AS (SELECT * FROM %1$s WHERE survey_id = :survey),
                 o AS (SELECT * FROM %2$s WHERE %3$s = :compound AND valid_to IS NULL %4$s)
            SELECT coalesce(n.%5$s, o.%5$s) AS key,
                   o.id AS old_id, n.id AS new_id,
                   ST_HausdorffDistance(o.geom, n.geom) AS moved_m,
                   ST_AsGeoJSON(ST_Transform(o.geom, 4326), 8, 0) AS old_geometry,
                   ST_AsGeoJSON(ST_Transform(n.geom, 4326), 8, 0) AS new_geometry,
                   to_jsonb(o) AS old_row, to_jsonb(n) AS new_row,
                   n.source_file, n.record_no
            FROM n FULL JOIN o ON o.%5$s = n.%5$s
            ORDER BY key""";

    /** A delivered boundary as the commit makes it (COMPOUND_VERSION): its records in one shape, keyed by the code. */
    private static final String STAGED_BOUNDARY = """
            (SELECT survey_id, code, max(name) AS name, max(district) AS district, max(built_year) AS built_year,
                    max(households) AS households, max(site_area_m2) AS site_area_m2, max(street) AS street,
                    max(community) AS community, max(address) AS address, max(residents) AS residents,
                    max(building_count) AS building_count, max(floor_area_m2) AS floor_area_m2,
                    ST_Multi(ST_Union(geom)) AS geom,
                    (array_agg(extra ORDER BY id))[1] AS extra, min(id) AS id, min(source_file) AS source_file,
                    min(record_no) AS record_no
             FROM staged_compound GROUP BY survey_id, code) b""";

    /**
     * Obstacles reported from the map (ObstacleStore gives them source ids WEB-&lt;id&gt;) have a life of their own: a
     * re-survey replaces only surveyed obstacles, and a field report only when the delivery names its source id.
     */
    private static final String FIELD_REPORT = "starts_with(source_id, 'WEB-')";
    private static final String SURVEYED_OR_REDELIVERED = "AND (source_id IS NULL OR NOT " + FIELD_REPORT
            + " OR source_id IN (SELECT source_id FROM staged_obstacle WHERE survey_id = :survey AND source_id IS NOT NULL))";
    static final String KEPT_FIELD_REPORTS = "SELECT source_id, status, kind, note, "
            + "ST_AsGeoJSON(ST_Transform(geom, 4326), 8, 0) FROM obstacle WHERE compound_code = :compound AND valid_to IS NULL AND "
            + FIELD_REPORT + " AND source_id NOT IN (SELECT source_id FROM staged_obstacle WHERE survey_id = :survey "
            + "AND source_id IS NOT NULL) ORDER BY source_id";

    static final String MARK_COMMITTED = """
            UPDATE survey SET status = 'committed', committed_at = now(), committed_by = :committer,
                   accepted_findings = :accepted, acceptance_reason = :reason, accepted_at = CASE WHEN :any THEN now() END,
                   accepted_by = CASE WHEN :any THEN :committer END
            WHERE id = :survey""";

    /** Whether no commit of the survey's compound came after the upload (the diff the user saw is still current). */
    static final String BASE_VERSION_CURRENT = """
            SELECT 1 FROM survey s WHERE s.id = :survey AND s.base_version IS NOT DISTINCT FROM
                   (SELECT max(committed_at) FROM survey WHERE compound_code = s.compound_code AND status = 'committed')""";

    /** The columns a survey delivers: those of the feature table that its staging table has too. */
    static final String COPIED_COLUMNS = """
            SELECT f.column_name FROM information_schema.columns f
            JOIN information_schema.columns s ON s.table_schema = 'public' AND s.table_name = :staged_table
                                             AND s.column_name = f.column_name
            WHERE f.table_schema = 'public' AND f.table_name = :table AND f.column_name NOT IN ('id', 'valid_from', 'valid_to')
            ORDER BY f.ordinal_position""";

    /** The district a staged boundary gives its compound. */
    static final String STAGED_DISTRICT = "SELECT max(district) FROM staged_compound WHERE survey_id = :survey";

    static final String DISCARD = "UPDATE survey SET status = 'discarded' WHERE id = :survey";

    static String compoundColumn(LayerKind kind) {
        return kind == LayerKind.COMPOUNDS ? "code" : "compound_code";
    }

    /** The staged rows of {@code kind} against the current ones, matched on source id (a boundary on its code). */
    static String diff(LayerKind kind) {
        boolean boundary = kind == LayerKind.COMPOUNDS;
        return String.format(DIFF, boundary ? STAGED_BOUNDARY : kind.stagedTable(), kind.table(), compoundColumn(kind),
                replacedScope(kind), boundary ? "code" : "source_id");
    }

    /**
     * Which current features a delivered layer replaces, as SQL that may read {@code :survey}. A delivery of rain
     * pipes replaces the compound's rain pipes, not its gas mains: pipes and pipe points are replaced network by
     * network, for the networks the survey delivered. An obstacles layer replaces surveyed obstacles, not field reports.
     */
    static String replacedScope(LayerKind kind) {
        return switch (kind) {
            case PIPES, PIPE_POINTS -> "AND network IN (SELECT DISTINCT network FROM " + kind.stagedTable()
                    + " WHERE survey_id = :survey)";
            case OBSTACLES -> SURVEYED_OR_REDELIVERED;
            default -> "";
        };
    }

    /** Closes the current versions a layer replaces; reads {@code :survey} only when the layer is scoped. */
    static String closeReplaced(LayerKind kind) {
        return "UPDATE " + kind.table() + " SET valid_to = now() WHERE " + compoundColumn(kind) + " = :compound"
                + " AND valid_to IS NULL " + replacedScope(kind);
    }

    static String stagedCount(LayerKind kind) {
        return "SELECT count(*) FROM " + kind.stagedTable() + " WHERE survey_id = :survey";
    }

    static String hasStagedRows(LayerKind kind) {
        return "SELECT 1 FROM " + kind.stagedTable() + " WHERE survey_id = :survey LIMIT 1";
    }

    /** How many staged rows of the survey have a value in each of {@code columns}, in their order. */
    static String valueCounts(LayerKind kind, Collection<String> columns) {
        return "SELECT " + String.join(", ", columns.stream().map(col -> "count(" + col + ")").toList())
                + " FROM " + kind.stagedTable() + " WHERE survey_id = :survey";
    }

    /** The staged rows take the current feature's values of {@code columns} (of the same source id). */
    static String keepCurrent(LayerKind kind, Collection<String> columns) {
        return "UPDATE " + kind.stagedTable() + " s SET " + String.join(", ", columns.stream().map(col -> col + " = o." + col).toList())
                + " FROM " + kind.table() + " o WHERE s.survey_id = :survey AND o." + compoundColumn(kind) + " = :compound"
                + " AND o.valid_to IS NULL AND o.source_id = s.source_id";
    }

    /** A staged row without a value of {@code column} takes the current feature's (of the same source id). */
    static String keepCurrentWhereEmpty(LayerKind kind, String column) {
        return "UPDATE " + kind.stagedTable() + " s SET " + column + " = o." + column
                + " FROM " + kind.table() + " o WHERE s.survey_id = :survey AND s." + column + " IS NULL AND o."
                + compoundColumn(kind) + " = :compound AND o.valid_to IS NULL AND o.source_id = s.source_id";
    }

    static String defaultWhereEmpty(LayerKind kind, String column) {
        return "UPDATE " + kind.stagedTable() + " SET " + column + " = DEFAULT WHERE survey_id = :survey AND "
                + column + " IS NULL";
    }

    /** Statistics of the columns the commit's joins and filters use, for the staged rows of {@code kind}. */
    static String analyzeStaged(LayerKind kind) {
        return "ANALYZE " + kind.stagedTable() + " (survey_id, source_id)";
    }

    static String copyStaged(LayerKind kind, List<String> columns) {
        return "INSERT INTO " + kind.table() + " (" + String.join(", ", columns) + ") SELECT "
                + String.join(", ", columns) + " FROM " + kind.stagedTable() + " WHERE survey_id = :survey";
    }

    /** A current compound's district, to which surveyors may be assigned (Assignments). */
    static final String COMPOUND_DISTRICT = "SELECT district FROM compound WHERE code = :code AND valid_to IS NULL";

    static String deleteStaged(LayerKind kind) {
        return "DELETE FROM " + kind.stagedTable() + " WHERE survey_id = :survey";
    }

    /** The register fields a boundary layer delivers (FeatureMappers); the others only the register sets. */
    private static final List<String> SURVEYED_REGISTER_FIELDS = List.of("name", "district", "built_year", "households",
            "site_area_m2", "street", "community", "address", "residents", "building_count", "floor_area_m2");

    /**
     * A new boundary takes what the boundary layer did not give from the version it replaces (closed just now), and
     * every register field the layer does not deliver (status, batch, funding, dates ...) is carried over (the site
     * area, given nowhere, is measured from the boundary); the
     * attributes the layer carried beyond the table's columns are merged into extra. A compound with no current
     * version is created from the boundary alone.
     */
    static final String COMPOUND_VERSION = compoundVersion();

    /** A compound's site area, when neither the delivery nor the register gives one, is its boundary's area. */
    private static String fallback(String field) {
        return field.equals("site_area_m2") ? ", round(ST_Area(s.geom)::numeric, 1)" : "";
    }

    private static String compoundVersion() {
        List<String> columns = new ArrayList<>(List.of("code"));
        List<String> values = new ArrayList<>(List.of("s.code"));
        List<String> delivered = new ArrayList<>();
        for (String field : RegisterField.jsonNames()) {
            boolean surveyed = SURVEYED_REGISTER_FIELDS.contains(field);
            columns.add(field);
            values.add(surveyed ? "coalesce(s." + field + ", c." + field + fallback(field) + ")" : "c." + field);
            if (surveyed) {
                delivered.add("max(" + field + ") AS " + field);
            }
        }
        columns.addAll(List.of("extra", "source_id", "survey_id", "changed_by", "changed_via", "geom"));
        values.addAll(List.of("coalesce(c.extra, '{}') || s.extra", "coalesce(c.source_id, s.code)", "s.survey_id",
                ":committer", "'survey'", "s.geom"));
        return "INSERT INTO compound (" + String.join(", ", columns) + ")\n"
                + "SELECT " + String.join(", ", values) + "\n"
                + "FROM (SELECT survey_id, code, " + String.join(", ", delivered) + ",\n"
                + "             (array_agg(extra ORDER BY id))[1] AS extra, ST_Multi(ST_Union(geom)) AS geom\n"
                + "      FROM staged_compound WHERE survey_id = :survey GROUP BY survey_id, code) s\n"
                + "LEFT JOIN compound c ON c.code = s.code AND c.valid_to = now()";
    }
}
