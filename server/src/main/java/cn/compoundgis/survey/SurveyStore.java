package cn.compoundgis.survey;

import cn.compoundgis.accounts.User;
import cn.compoundgis.audit.Actor;
import cn.compoundgis.audit.AuditLog;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A staged survey's life after upload: its diff against the compound's current data, its commit (one
 * transaction: the old versions closed, the new ones current) and its discard. The SQL is in {@link SurveyQueries}.
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
    private final DataSource dataSource;

    SurveyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    record SurveyRow(long id, String compound, String status, List<LayerKind> layers, JsonNode report, String title,
                     String surveyedOn, String surveyor, String createdAt, String committedAt, String uploadedBy) {
        boolean stagedAsNew() {
            return report != null && report.path("compound_new").asBoolean(false);
        }
    }

    /** Uploads of a compound, newest first, optionally of one status: what a user may come back to. */
    ArrayNode list(String compound, java.util.Optional<String> status) throws SQLException {
        ArrayNode list = Json.MAPPER.createArrayNode();
        SqlParams params = SqlParams.of().text("compound", compound).text("status", status.orElse(null));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, SurveyQueries.LIST, params)) {
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
                    row.put("accepted", rs.getLong(8)).put("rejected", rs.getLong(9))
                            .put("uploaded_by", rs.getString(10)).put("committed_by", rs.getString(11));
                }
            }
        }
        return list;
    }

    SurveyRow survey(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, SurveyQueries.SURVEY, ofSurvey(id));
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw ApiError.notFound("no survey " + id).says("survey.not_found", "survey", id);
            }
            return new SurveyRow(rs.getLong(1), rs.getString(2), rs.getString(3), layers(rs.getArray(4)),
                    rs.getString(5) == null ? null : Json.MAPPER.readTree(rs.getString(5)), rs.getString(6), rs.getString(7),
                    rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
        } catch (IOException e) {
            throw new IllegalStateException("survey " + id + " has an unreadable report", e);
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
        report.put("uploaded_by", survey.uploadedBy());
        if (!report.has("blocking")) { // staged before findings were classified
            ArrayNode blocking = report.putArray("blocking");
            Acceptance.blockingCodes(survey.report()).forEach(code -> blocking.addObject().put("code", code));
        }
        report.set("acceptance", acceptance(id));
        return report;
    }

    private JsonNode acceptance(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, SurveyQueries.ACCEPTANCE, ofSurvey(id));
             ResultSet rs = ps.executeQuery()) {
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
        Set<String> undelivered = undeliveredColumns(c, kind, survey.id());
        int added = 0, removed = 0, changed = 0, moved = 0, unchanged = 0;
        boolean boundary = kind == LayerKind.COMPOUNDS;
        try (PreparedStatement ps = Sql.prepare(c, SurveyQueries.diff(kind), ofSurveyAndCompound(survey))) {
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
        try (PreparedStatement ps = Sql.prepare(c, SurveyQueries.KEPT_FIELD_REPORTS, ofSurveyAndCompound(survey))) {
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
    void commit(long id, Acceptance acceptance, User user, Actor actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                SurveyRow survey = lockedForCommit(c, id);
                requireDecider(c, survey, user, "commit");
                requireCompoundAsStaged(c, survey);
                requireAllStagedRows(c, survey);
                Set<String> accepted = acceptance.requireCovers(survey.id(), survey.report());
                for (LayerKind kind : survey.layers()) {
                    // the joins below plan by how many rows the survey staged: without fresh statistics PostgreSQL
                    // may guess one and loop over the compound's features for each of 100 000 (30 s instead of 4)
                    Sql.run(c, SurveyQueries.analyzeStaged(kind), SqlParams.of());
                }
                for (LayerKind kind : survey.layers()) {
                    replaceLayer(c, kind, survey, actor.username());
                }
                markCommitted(c, id, accepted, acceptance, actor.username());
                deleteStaged(c, survey);
                AuditLog.record(c, actor, "survey.committed", survey.compound(), "survey " + id,
                        committedDetail(survey, accepted, acceptance));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void markCommitted(Connection c, long id, Set<String> accepted, Acceptance acceptance, String committer)
            throws SQLException {
        boolean any = !accepted.isEmpty();
        Sql.update(c, SurveyQueries.MARK_COMMITTED, ofSurvey(id)
                .array("accepted", "text", any ? accepted.stream().sorted().toArray() : null)
                .text("reason", any ? acceptance.reason() : null).bool("any", any).text("committer", committer));
    }

    /** What the audit trail keeps of a commit: the blocking findings accepted (code, count) and why. */
    private static Map<String, Object> committedDetail(SurveyRow survey, Set<String> accepted, Acceptance acceptance) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("compound_new", survey.stagedAsNew());
        detail.put("layers", survey.layers().stream().map(LayerKind::id).toList());
        if (!accepted.isEmpty()) {
            List<Map<String, Object>> codes = new ArrayList<>();
            for (String code : accepted) {
                int count = 0;
                for (JsonNode b : survey.report().path("blocking")) {
                    if (code.equals(b.path("code").asText())) {
                        count = b.path("count").asInt();
                    }
                }
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("code", code);
                one.put("count", count);
                codes.add(one);
            }
            detail.put("accepted", codes);
            detail.put("reason", acceptance.reason());
        }
        return detail;
    }

    /**
     * A staged survey is decided (committed or discarded) by its uploader or an administrator (a survey uploaded before
     * accounts has no uploader: an administrator's), and only for a compound the user is assigned to.
     */
    private static void requireDecider(Connection c, SurveyRow survey, User user, String action) throws SQLException {
        if (!user.isAdmin() && !user.username().equals(survey.uploadedBy())) {
            throw ApiError.forbidden("survey " + survey.id() + (survey.uploadedBy() == null
                    ? " was uploaded before accounts; only an administrator may " + action + " it"
                    : " was uploaded by " + survey.uploadedBy() + "; only they or an administrator may " + action + " it"))
                    .says(survey.uploadedBy() == null ? "survey.not_decider_no_uploader" : "survey.not_decider",
                            "survey", survey.id(), "uploader", survey.uploadedBy(), "action", action);
        }
        if (survey.stagedAsNew() && !cn.compoundgis.db.Compounds.isCurrent(c, survey.compound())) {
            Assignments.of(user).requireNew(survey.compound(),
                    Sql.optionalText(c, SurveyQueries.STAGED_DISTRICT, ofSurvey(survey.id())).orElse(null));
        } else {
            Assignments.require(c, user, survey.compound(), action);
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
                    + " was uploaded as a new compound; discard it and upload again to see a current diff")
                    .says("survey.compound_created_since", "survey", survey.id(), "compound", survey.compound());
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
            staged += Sql.oneLong(c, SurveyQueries.stagedCount(kind), ofSurvey(survey.id()));
        }
        if (staged != accepted) {
            throw ApiError.conflict("survey " + survey.id() + " has " + staged + " of its " + accepted
                    + " accepted records staged; discard it and upload again")
                    .says("survey.staging_incomplete", "survey", survey.id(), "n", staged, "total", accepted);
        }
    }

    private SurveyRow lockedForCommit(Connection c, long id) throws SQLException {
        SurveyRow survey = survey(id);
        requireStaged(survey, "commit");
        Sql.run(c, SurveyQueries.LOCK_COMPOUND, SqlParams.of().text("compound", survey.compound()));
        requireStillStaged(c, id, "committed");
        if (!Sql.exists(c, SurveyQueries.BASE_VERSION_CURRENT, ofSurvey(id))) {
            throw ApiError.conflict("compound " + survey.compound() + " has changed since survey " + id
                    + " was uploaded; discard it and upload again to see a current diff")
                    .says("survey.compound_changed_since", "survey", id, "compound", survey.compound());
        }
        return survey;
    }

    /** Closes the current versions of a layer, then makes the staged rows current. */
    private static void replaceLayer(Connection c, LayerKind kind, SurveyRow survey, String committer) throws SQLException {
        keepUndeliveredAttributes(c, kind, survey);
        resolveDefaultedColumns(c, kind, survey);
        if (kind == LayerKind.COMPOUNDS && !Sql.exists(c, SurveyQueries.hasStagedRows(kind), ofSurvey(survey.id()))) {
            return; // every boundary record was rejected: the compound keeps its boundary, it is never closed empty
        }
        SqlParams replaced = SqlParams.of().text("compound", survey.compound());
        if (!SurveyQueries.replacedScope(kind).isEmpty()) {
            replaced.bigint("survey", survey.id());
        }
        Sql.update(c, SurveyQueries.closeReplaced(kind), replaced);
        if (kind == LayerKind.COMPOUNDS) {
            Sql.update(c, SurveyQueries.COMPOUND_VERSION, ofSurvey(survey.id()).text("committer", committer));
            return;
        }
        Sql.update(c, SurveyQueries.copyStaged(kind, copiedColumns(c, kind)), ofSurvey(survey.id()));
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
        Set<String> empty = new java.util.TreeSet<>();
        try (PreparedStatement ps = Sql.prepare(c, SurveyQueries.valueCounts(kind, candidates), ofSurvey(surveyId))) {
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

    private static void keepUndeliveredAttributes(Connection c, LayerKind kind, SurveyRow survey) throws SQLException {
        Set<String> undelivered = undeliveredColumns(c, kind, survey.id());
        if (undelivered.isEmpty() || kind == LayerKind.COMPOUNDS) {
            return; // a new boundary takes what it lacks from the current compound anyway
        }
        Sql.update(c, SurveyQueries.keepCurrent(kind, undelivered), ofSurveyAndCompound(survey));
    }

    /** Empty coded values: the re-surveyed feature's current value, else the column default. */
    private static void resolveDefaultedColumns(Connection c, LayerKind kind, SurveyRow survey) throws SQLException {
        for (String column : DEFAULTED.getOrDefault(kind, List.of())) {
            Sql.update(c, SurveyQueries.keepCurrentWhereEmpty(kind, column), ofSurveyAndCompound(survey));
            Sql.update(c, SurveyQueries.defaultWhereEmpty(kind, column), ofSurvey(survey.id()));
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
     * The columns a survey delivers: those of the feature table that its staging table has too. A feature table may
     * have more (the compound's register and search columns); those are never surveyed.
     */
    private static List<String> copiedColumns(Connection c, LayerKind kind) throws SQLException {
        List<String> columns = new ArrayList<>();
        SqlParams tables = SqlParams.of().text("staged_table", kind.stagedTable()).text("table", kind.table());
        try (PreparedStatement ps = Sql.prepare(c, SurveyQueries.COPIED_COLUMNS, tables)) {
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
    void discard(long id, User user, Actor actor) throws SQLException {
        SurveyRow survey = survey(id);
        requireStaged(survey, "discard");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                requireDecider(c, survey, user, "discard");
                requireStillStaged(c, id, "discarded");
                deleteStaged(c, survey);
                Sql.update(c, SurveyQueries.DISCARD, ofSurvey(id));
                AuditLog.record(c, actor, "survey.discarded", survey.compound(), "survey " + id,
                        java.util.Collections.singletonMap("uploaded_by", survey.uploadedBy()));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Locks the survey row (waiting for a commit or discard that holds it) and checks it is still staged. */
    private static void requireStillStaged(Connection c, long id, String action) throws SQLException {
        String status = Sql.optionalText(c, SurveyQueries.LOCK_SURVEY, ofSurvey(id)).orElse(null);
        if (!"staged".equals(status)) {
            throw ApiError.conflict("survey " + id + " is " + status + " already; only a staged survey can be " + action)
                    .says("survey.not_staged", "survey", id, "status", status);
        }
    }

    private static void deleteStaged(Connection c, SurveyRow survey) throws SQLException {
        for (LayerKind kind : LayerKind.values()) {
            Sql.update(c, SurveyQueries.deleteStaged(kind), ofSurvey(survey.id()));
        }
    }

    private static final Map<String, String> PAST_PARTICIPLE = Map.of("diff", "compared", "commit", "committed",
            "discard", "discarded");

    private static void requireStaged(SurveyRow survey, String action) {
        if (!"staged".equals(survey.status())) {
            throw ApiError.conflict("survey " + survey.id() + " is " + survey.status() + "; only a staged survey can be " +
                    PAST_PARTICIPLE.get(action)).says("survey.not_staged", "survey", survey.id(), "status", survey.status());
        }
    }

    private static SqlParams ofSurvey(long id) {
        return SqlParams.of().bigint("survey", id);
    }

    private static SqlParams ofSurveyAndCompound(SurveyRow survey) {
        return ofSurvey(survey.id()).text("compound", survey.compound());
    }
}
