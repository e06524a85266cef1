package cn.compoundgis.survey;

import cn.compoundgis.compounds.RegisterField;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import cn.compoundgis.survey.recognize.LayerKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A staged survey's life after upload: its diff against the compound's current data, its commit (one
 * transaction: the old versions closed, the new ones current) and its discard.
 */
final class SurveyStore {
    /** Columns that are bookkeeping, not attributes a surveyor would call changed. */
    private static final Set<String> NOT_ATTRIBUTES = Set.of("id", "geom", "survey_id", "valid_from", "valid_to",
            "source_file", "record_no", "extra", "source_id");
    /** Displacement below which a shape counts as not moved: a millimetre, the precision of the output. */
    private static final double MOVED_M = 0.001;
    /**
     * Coded columns with a default that a delivery may leave empty record by record: an empty value keeps the
     * re-surveyed feature's current one, else takes the column's default (V8 migration). table → columns.
     */
    private static final Map<LayerKind, List<String>> DEFAULTED = Map.of(
            LayerKind.PIPE_POINTS, List.of("accuracy_class"), LayerKind.PIPES, List.of("status"),
            LayerKind.PARKING, List.of("kind"), LayerKind.OBSTACLES, List.of("status"));
    /** Commit and discard take this lock first of all the survey's locks (after the compound's, for a commit). */
    private static final String LOCK_SURVEY = "SELECT status FROM survey WHERE id = ? FOR UPDATE";
    private static final String LOCK_COMPOUND = "SELECT pg_advisory_xact_lock(hashtext('compound-gis:compound:' || ?))";

    private static final String LIST = """
            SELECT id, compound_code, status, upload_name, created_at::text, committed_at::text, layers,
                   (SELECT sum((l ->> 'accepted')::int) FROM jsonb_array_elements(report -> 'layers') l) AS accepted,
                   (SELECT sum((l ->> 'rejected')::int) FROM jsonb_array_elements(report -> 'layers') l) AS rejected
            FROM survey WHERE compound_code = ? AND report IS NOT NULL AND (?::text IS NULL OR status = ?)
            ORDER BY id DESC""";

    /**
     * Staged rows (%1$s) against the current ones (%2$s of compound column %3$s, scoped by %4$s), matched on %5$s.
     */
    private static final String DIFF = """
            WITH n AS (SELECT * FROM %1$s WHERE survey_id = ?),
                 o AS (SELECT * FROM %2$s WHERE %3$s = ? AND valid_to IS NULL %4$s)
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
            + " OR source_id IN (SELECT source_id FROM staged_obstacle WHERE survey_id = ? AND source_id IS NOT NULL))";
    private static final String KEPT_FIELD_REPORTS = "SELECT source_id, status, kind, note, "
            + "ST_AsGeoJSON(ST_Transform(geom, 4326), 8, 0) FROM obstacle WHERE compound_code = ? AND valid_to IS NULL AND "
            + FIELD_REPORT + " AND source_id NOT IN (SELECT source_id FROM staged_obstacle WHERE survey_id = ? "
            + "AND source_id IS NOT NULL) ORDER BY source_id";

    private final DataSource dataSource;

    SurveyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    record SurveyRow(long id, String compound, String status, List<LayerKind> layers, JsonNode report, String title,
                     String surveyedOn, String surveyor, String createdAt, String committedAt) {
    }

    /** Uploads of a compound, newest first, optionally of one status: what a user may come back to. */
    ArrayNode list(String compound, java.util.Optional<String> status) throws SQLException {
        ArrayNode list = Json.MAPPER.createArrayNode();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setString(1, compound);
            ps.setString(2, status.orElse(null));
            ps.setString(3, status.orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode row = list.addObject();
                    row.put("survey_id", rs.getLong(1)).put("compound", rs.getString(2)).put("status", rs.getString(3))
                            .put("upload_name", rs.getString(4)).put("created_at", rs.getString(5))
                            .put("committed_at", rs.getString(6));
                    ArrayNode layers = row.putArray("layers");
                    for (LayerKind kind : layers(rs.getArray(7))) {
                        layers.add(kind.id());
                    }
                    row.put("accepted", rs.getLong(8)).put("rejected", rs.getLong(9));
                }
            }
        }
        return list;
    }

    SurveyRow survey(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, compound_code, status, layers, report::text, title, "
                     + "surveyed_on::text, surveyor, created_at::text, committed_at::text FROM survey WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiError.notFound("no survey " + id);
                }
                return new SurveyRow(rs.getLong(1), rs.getString(2), rs.getString(3), layers(rs.getArray(4)),
                        rs.getString(5) == null ? null : Json.MAPPER.readTree(rs.getString(5)), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10));
            } catch (IOException e) {
                throw new IllegalStateException("survey " + id + " has an unreadable report", e);
            }
        }
    }

    /**
     * The validation report as staged, with the survey's status, its blocking codes and what a commit accepted of
     * them (codes, reason, when, by whom; null when nothing was).
     */
    ObjectNode report(long id) throws SQLException {
        SurveyRow survey = survey(id);
        if (survey.report() == null) {
            throw ApiError.notFound("survey " + id + " has no validation report (it was not uploaded)");
        }
        ObjectNode report = (ObjectNode) survey.report().deepCopy();
        report.put("status", survey.status());
        if (!report.has("blocking")) { // staged before findings were classified
            ArrayNode blocking = report.putArray("blocking");
            Acceptance.blockingCodes(survey.report()).forEach(code -> blocking.addObject().put("code", code));
        }
        report.set("acceptance", acceptance(id));
        return report;
    }

    private JsonNode acceptance(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT accepted_findings, acceptance_reason, accepted_at::text, "
                     + "accepted_by FROM survey WHERE id = ? AND accepted_findings IS NOT NULL")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Json.MAPPER.nullNode();
                }
                ObjectNode acceptance = Json.MAPPER.createObjectNode();
                ArrayNode codes = acceptance.putArray("codes");
                for (Object code : (Object[]) rs.getArray(1).getArray()) {
                    codes.add((String) code);
                }
                acceptance.put("reason", rs.getString(2)).put("accepted_at", rs.getString(3)).put("accepted_by", rs.getString(4));
                return acceptance;
            }
        }
    }

    private static List<LayerKind> layers(Array array) throws SQLException {
        List<LayerKind> kinds = new ArrayList<>();
        for (Object id : (Object[]) array.getArray()) {
            LayerKind.byId((String) id).ifPresent(kinds::add);
        }
        return kinds;
    }

    /** Added, removed, changed (field by field) and moved (with the displacement) features, per layer. */
    ObjectNode diff(long id) throws SQLException, IOException {
        SurveyRow survey = survey(id);
        requireStaged(survey, "diff");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("survey_id", id);
        body.put("compound", survey.compound());
        body.put("compound_new", survey.report() != null && survey.report().path("compound_new").asBoolean(false));
        ObjectNode summary = body.putObject("summary");
        ObjectNode fc = body.putObject("features");
        fc.put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        try (Connection c = dataSource.getConnection()) {
            for (LayerKind kind : survey.layers()) {
                diffLayer(c, kind, survey, summary.putObject(kind.id()), features);
            }
        }
        return body;
    }

    private void diffLayer(Connection c, LayerKind kind, SurveyRow survey, ObjectNode counts, ArrayNode features)
            throws SQLException, IOException {
        String compoundColumn = kind == LayerKind.COMPOUNDS ? "code" : "compound_code";
        Set<String> undelivered = undeliveredColumns(c, kind, survey.id());
        int added = 0, removed = 0, changed = 0, moved = 0, unchanged = 0;
        boolean boundary = kind == LayerKind.COMPOUNDS;
        String sql = String.format(DIFF, boundary ? STAGED_BOUNDARY : kind.stagedTable(), kind.table(), compoundColumn,
                replacedScope(kind), boundary ? "code" : "source_id");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, survey.id());
            ps.setString(2, survey.compound());
            if (!replacedScope(kind).isEmpty()) {
                ps.setLong(3, survey.id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode f = Json.MAPPER.createObjectNode();
                    f.put("type", "Feature");
                    ObjectNode p = Json.MAPPER.createObjectNode();
                    p.put("layer", kind.id());
                    p.put("key", rs.getString("key"));
                    String change;
                    if (rs.getObject("old_id") == null) {
                        change = "added";
                        added++;
                    } else if (rs.getObject("new_id") == null) {
                        change = "removed";
                        removed++;
                    } else {
                        ObjectNode fieldChanges = changes(rs.getString("old_row"), rs.getString("new_row"), undelivered,
                                DEFAULTED.getOrDefault(kind, List.of()), boundary);
                        double displacement = rs.getDouble("moved_m");
                        boolean isMoved = displacement > MOVED_M;
                        if (!isMoved && fieldChanges.isEmpty()) {
                            unchanged++;
                            continue;
                        }
                        change = isMoved && !fieldChanges.isEmpty() ? "changed_and_moved" : isMoved ? "moved" : "changed";
                        if (isMoved) {
                            moved++;
                            p.put("moved_m", Math.round(displacement * 1000) / 1000.0);
                        }
                        if (!fieldChanges.isEmpty()) {
                            changed++;
                            p.set("changes", fieldChanges);
                        }
                    }
                    p.put("change", change);
                    if (rs.getString("source_file") != null) {
                        p.put("source_file", rs.getString("source_file"));
                        p.put("record_no", rs.getInt("record_no"));
                    }
                    String newGeometry = rs.getString("new_geometry");
                    String oldGeometry = rs.getString("old_geometry");
                    f.set("geometry", Json.MAPPER.readTree(newGeometry != null ? newGeometry : oldGeometry));
                    if (newGeometry != null && oldGeometry != null && p.has("moved_m")) {
                        p.set("old_geometry", Json.MAPPER.readTree(oldGeometry));
                    }
                    f.set("properties", p);
                    features.add(f);
                }
            }
        }
        int keptReports = kind == LayerKind.OBSTACLES ? keptFieldReports(c, survey, features) : 0;
        counts.put("added", added).put("removed", removed).put("changed", changed).put("moved", moved).put("unchanged", unchanged)
                .put("kept", keptReports);
        ArrayNode kept = counts.putArray("kept_from_current");
        if (changed + unchanged > 0) { // only a re-surveyed feature has current values to keep
            undelivered.forEach(kept::add);
        }
    }

    /** Current field reports the commit leaves as they are: listed as kept, with their status. */
    private int keptFieldReports(Connection c, SurveyRow survey, ArrayNode features) throws SQLException, IOException {
        int kept = 0;
        try (PreparedStatement ps = c.prepareStatement(KEPT_FIELD_REPORTS)) {
            ps.setString(1, survey.compound());
            ps.setLong(2, survey.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    kept++;
                    ObjectNode f = features.addObject();
                    f.put("type", "Feature");
                    ObjectNode p = Json.MAPPER.createObjectNode();
                    p.put("layer", LayerKind.OBSTACLES.id()).put("key", rs.getString(1)).put("change", "kept")
                            .put("field_report", true).put("status", rs.getString(2)).put("kind", rs.getString(3))
                            .put("note", rs.getString(4));
                    f.set("geometry", Json.MAPPER.readTree(rs.getString(5)));
                    f.set("properties", p);
                }
            }
        }
        return kept;
    }

    /**
     * Field by field, what a commit would change. A boundary record's empty value keeps the current one
     * (COMPOUND_VERSION), so it is no change.
     */
    private ObjectNode changes(String oldRow, String newRow, Set<String> undelivered, List<String> defaulted,
                               boolean emptyKeepsCurrent) throws IOException {
        JsonNode before = Json.MAPPER.readTree(oldRow);
        JsonNode after = Json.MAPPER.readTree(newRow);
        ObjectNode changes = Json.MAPPER.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = after.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode old = before.get(name);
            boolean keptOrDefaulted = field.getValue().isNull() && (emptyKeepsCurrent || defaulted.contains(name));
            if (NOT_ATTRIBUTES.contains(name) || undelivered.contains(name) || keptOrDefaulted || old == null
                    || sameValue(old, field.getValue())) {
                continue;
            }
            ObjectNode change = changes.putObject(name);
            change.set("old", old);
            change.set("new", field.getValue());
        }
        if (emptyKeepsCurrent) {
            extraChanges(before.path("extra"), after.path("extra"), changes);
        }
        return changes;
    }

    /**
     * A boundary's attributes beyond the table's columns (street, address, buildings ...) are merged into the
     * compound's extra on commit: those the delivery changes are listed as {@code extra.<name>}.
     */
    private static void extraChanges(JsonNode before, JsonNode after, ObjectNode changes) {
        after.fields().forEachRemaining(field -> {
            JsonNode old = before.get(field.getKey());
            if (old == null || !sameValue(old, field.getValue())) {
                ObjectNode change = changes.putObject("extra." + field.getKey());
                change.set("old", old == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : old);
                change.set("new", field.getValue());
            }
        });
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /**
     * Replaces the compound's current features of the uploaded layers by the staged ones, in one transaction;
     * the replaced versions stay as history (valid_to set). Refused when the compound changed since staging.
     */
    void commit(long id, Acceptance acceptance) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                SurveyRow survey = lockedForCommit(c, id);
                requireCompoundAsStaged(c, survey);
                requireAllStagedRows(c, survey);
                Set<String> accepted = acceptance.requireCovers(survey.id(), survey.report());
                for (LayerKind kind : survey.layers()) {
                    replaceLayer(c, kind, survey);
                }
                markCommitted(c, id, accepted, acceptance);
                deleteStaged(c, survey);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void markCommitted(Connection c, long id, Set<String> accepted, Acceptance acceptance) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE survey SET status = 'committed', committed_at = now(),
                       accepted_findings = ?, acceptance_reason = ?, accepted_at = CASE WHEN ? THEN now() END
                WHERE id = ?""")) {
            boolean any = !accepted.isEmpty();
            ps.setArray(1, any ? c.createArrayOf("text", accepted.stream().sorted().toArray()) : null);
            ps.setString(2, any ? acceptance.reason() : null);
            ps.setBoolean(3, any);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    /**
     * A survey staged for a new compound creates it; when a compound of that code was made since (another upload, the
     * register), the diff the user saw is stale: the commit is refused rather than silently re-surveying it.
     */
    private static void requireCompoundAsStaged(Connection c, SurveyRow survey) throws SQLException {
        boolean stagedAsNew = survey.report() != null && survey.report().path("compound_new").asBoolean(false);
        if (stagedAsNew && cn.compoundgis.db.Compounds.isCurrent(c, survey.compound())) {
            throw ApiError.conflict("compound " + survey.compound() + " was created since survey " + survey.id()
                    + " was uploaded as a new compound; discard it and upload again to see a current diff");
        }
    }

    /**
     * A commit of a survey whose staged rows are gone (staging was unlogged before V10, and a crash emptied it) would
     * close the current features and add nothing, so the rows are counted against the report first.
     */
    private static void requireAllStagedRows(Connection c, SurveyRow survey) throws SQLException {
        long accepted = 0;
        for (JsonNode layer : survey.report().path("layers")) {
            accepted += layer.path("accepted").asLong();
        }
        long staged = 0;
        for (LayerKind kind : survey.layers()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + kind.stagedTable() + " WHERE survey_id = ?")) {
                ps.setLong(1, survey.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    staged += rs.getLong(1);
                }
            }
        }
        if (staged != accepted) {
            throw ApiError.conflict("survey " + survey.id() + " has " + staged + " of its " + accepted
                    + " accepted records staged; discard it and upload again");
        }
    }

    private SurveyRow lockedForCommit(Connection c, long id) throws SQLException {
        SurveyRow survey = survey(id);
        requireStaged(survey, "commit");
        try (PreparedStatement lock = c.prepareStatement(LOCK_COMPOUND)) {
            lock.setString(1, survey.compound());
            lock.execute();
        }
        requireStillStaged(c, id, "committed");
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.base_version IS NOT DISTINCT FROM
                       (SELECT max(committed_at) FROM survey WHERE compound_code = s.compound_code AND status = 'committed')
                FROM survey s WHERE s.id = ?""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw ApiError.conflict("compound " + survey.compound() + " has changed since survey " + id
                            + " was uploaded; discard it and upload again to see a current diff");
                }
            }
        }
        return survey;
    }

    /** Closes the current versions of a layer, then makes the staged rows current. */
    private static void replaceLayer(Connection c, LayerKind kind, SurveyRow survey) throws SQLException {
        String compoundColumn = kind == LayerKind.COMPOUNDS ? "code" : "compound_code";
        keepUndeliveredAttributes(c, kind, survey, compoundColumn);
        resolveDefaultedColumns(c, kind, survey, compoundColumn);
        if (kind == LayerKind.COMPOUNDS && !hasStagedRows(c, kind, survey.id())) {
            return; // every boundary record was rejected: the compound keeps its boundary, it is never closed empty
        }
        try (PreparedStatement close = c.prepareStatement("UPDATE " + kind.table() + " SET valid_to = now() WHERE "
                + compoundColumn + " = ? AND valid_to IS NULL " + replacedScope(kind))) {
            close.setString(1, survey.compound());
            if (!replacedScope(kind).isEmpty()) {
                close.setLong(2, survey.id());
            }
            close.executeUpdate();
        }
        if (kind == LayerKind.COMPOUNDS) {
            execute(c, COMPOUND_VERSION, survey.id());
            return;
        }
        List<String> columns = copiedColumns(c, kind);
        execute(c, "INSERT INTO " + kind.table() + " (" + String.join(", ", columns) + ") SELECT "
                + String.join(", ", columns) + " FROM " + kind.stagedTable() + " WHERE survey_id = ?", survey.id());
    }

    private static boolean hasStagedRows(Connection c, LayerKind kind, long surveyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + kind.stagedTable() + " WHERE survey_id = ?)")) {
            ps.setLong(1, surveyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Attribute columns a delivery left empty in every record were not surveyed (the files had no such
     * field): a re-surveyed feature keeps its current values there instead of losing them.
     */
    static Set<String> undeliveredColumns(Connection c, LayerKind kind, long surveyId) throws SQLException {
        List<String> candidates = attributeColumns(c, kind);
        if (candidates.isEmpty()) {
            return Set.of();
        }
        String counts = String.join(", ", candidates.stream().map(col -> "count(" + col + ")").toList());
        Set<String> empty = new java.util.TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + counts + " FROM " + kind.stagedTable() + " WHERE survey_id = ?")) {
            ps.setLong(1, surveyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 0; i < candidates.size(); i++) {
                    if (rs.getLong(i + 1) == 0) {
                        empty.add(candidates.get(i));
                    }
                }
            }
        }
        return empty;
    }

    private static void keepUndeliveredAttributes(Connection c, LayerKind kind, SurveyRow survey, String compoundColumn)
            throws SQLException {
        Set<String> undelivered = undeliveredColumns(c, kind, survey.id());
        if (undelivered.isEmpty() || kind == LayerKind.COMPOUNDS) {
            return; // a new boundary takes what it lacks from the current compound anyway
        }
        String assignments = String.join(", ", undelivered.stream().map(col -> col + " = o." + col).toList());
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + kind.stagedTable() + " s SET " + assignments
                + " FROM " + kind.table() + " o WHERE s.survey_id = ? AND o." + compoundColumn + " = ?"
                + " AND o.valid_to IS NULL AND o.source_id = s.source_id")) {
            ps.setLong(1, survey.id());
            ps.setString(2, survey.compound());
            ps.executeUpdate();
        }
    }

    /** Empty coded values: the re-surveyed feature's current value, else the column default. */
    private static void resolveDefaultedColumns(Connection c, LayerKind kind, SurveyRow survey, String compoundColumn)
            throws SQLException {
        for (String column : DEFAULTED.getOrDefault(kind, List.of())) {
            try (PreparedStatement keep = c.prepareStatement("UPDATE " + kind.stagedTable() + " s SET " + column + " = o." + column
                    + " FROM " + kind.table() + " o WHERE s.survey_id = ? AND s." + column + " IS NULL AND o." + compoundColumn
                    + " = ? AND o.valid_to IS NULL AND o.source_id = s.source_id")) {
                keep.setLong(1, survey.id());
                keep.setString(2, survey.compound());
                keep.executeUpdate();
            }
            execute(c, "UPDATE " + kind.stagedTable() + " SET " + column + " = DEFAULT WHERE survey_id = ? AND "
                    + column + " IS NULL", survey.id());
        }
    }

    /** Columns that describe a feature (not its identity, provenance, geometry or network). */
    private static List<String> attributeColumns(Connection c, LayerKind kind) throws SQLException {
        Set<String> identity = Set.of("compound_code", "code", "network", "depth_reference",
                "point_no", "start_no", "end_no", "name", "stall_no");
        return copiedColumns(c, kind).stream()
                .filter(col -> !NOT_ATTRIBUTES.contains(col) && !identity.contains(col)).toList();
    }

    /**
     * Which current features a delivered layer replaces, as SQL with one survey id parameter (or none). A delivery of
     * rain pipes replaces the compound's rain pipes, not its gas mains: pipes and pipe points are replaced network by
     * network, for the networks the survey delivered. An obstacles layer replaces surveyed obstacles, not field reports.
     */
    private static String replacedScope(LayerKind kind) {
        return switch (kind) {
            case PIPES, PIPE_POINTS -> "AND network IN (SELECT DISTINCT network FROM " + kind.stagedTable() + " WHERE survey_id = ?)";
            case OBSTACLES -> SURVEYED_OR_REDELIVERED;
            default -> "";
        };
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
    private static final String COMPOUND_VERSION = compoundVersion();

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
        columns.addAll(List.of("extra", "source_id", "survey_id", "changed_via", "geom"));
        values.addAll(List.of("coalesce(c.extra, '{}') || s.extra", "coalesce(c.source_id, s.code)", "s.survey_id",
                "'survey'", "s.geom"));
        return "INSERT INTO compound (" + String.join(", ", columns) + ")\n"
                + "SELECT " + String.join(", ", values) + "\n"
                + "FROM (SELECT survey_id, code, " + String.join(", ", delivered) + ",\n"
                + "             (array_agg(extra ORDER BY id))[1] AS extra, ST_Multi(ST_Union(geom)) AS geom\n"
                + "      FROM staged_compound WHERE survey_id = ? GROUP BY survey_id, code) s\n"
                + "LEFT JOIN compound c ON c.code = s.code AND c.valid_to = now()";
    }

    /**
     * The columns a survey delivers: those of the feature table that its staging table has too. A feature table may
     * have more (the compound's register and search columns); those are never surveyed.
     */
    private static List<String> copiedColumns(Connection c, LayerKind kind) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT f.column_name FROM information_schema.columns f
                JOIN information_schema.columns s ON s.table_schema = 'public' AND s.table_name = ?
                                                 AND s.column_name = f.column_name
                WHERE f.table_schema = 'public' AND f.table_name = ? AND f.column_name NOT IN ('id', 'valid_from', 'valid_to')
                ORDER BY f.ordinal_position""")) {
            ps.setString(1, kind.stagedTable());
            ps.setString(2, kind.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /**
     * Discards a staged survey. Like a commit it locks the survey row before it touches any staged row, so a commit
     * and a discard of one survey never deadlock: one waits for the other and then finds the survey decided (409).
     */
    void discard(long id) throws SQLException {
        SurveyRow survey = survey(id);
        requireStaged(survey, "discard");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                requireStillStaged(c, id, "discarded");
                deleteStaged(c, survey);
                execute(c, "UPDATE survey SET status = 'discarded' WHERE id = ?", id);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Locks the survey row (waiting for a commit or discard that holds it) and checks it is still staged. */
    private static void requireStillStaged(Connection c, long id, String action) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK_SURVEY)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!"staged".equals(rs.getString(1))) {
                    throw ApiError.conflict("survey " + id + " is " + rs.getString(1) + " already; only a staged survey can be " + action);
                }
            }
        }
    }

    private static void deleteStaged(Connection c, SurveyRow survey) throws SQLException {
        for (LayerKind kind : LayerKind.values()) {
            execute(c, "DELETE FROM " + kind.stagedTable() + " WHERE survey_id = ?", survey.id());
        }
    }

    private static final Map<String, String> PAST_PARTICIPLE = Map.of("diff", "compared", "commit", "committed",
            "discard", "discarded");

    private static void requireStaged(SurveyRow survey, String action) {
        if (!"staged".equals(survey.status())) {
            throw ApiError.conflict("survey " + survey.id() + " is " + survey.status() + "; only a staged survey can be " +
                    PAST_PARTICIPLE.get(action));
        }
    }

    private static void execute(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
