package cn.compoundgis.compounds;

import cn.compoundgis.audit.Actor;
import cn.compoundgis.audit.AuditLog;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.geo.PostedCrs;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A compound list import, row by row in ONE transaction: each row checked by the rules of POST /api/compounds
 * ({@link CompoundInput}) and written as the store writes an API create (a new code) or change (a registered code:
 * a merge patch, a new version only when something differs), with changed_via = 'import'. Consecutive new codes are
 * written together ({@link CompoundStore#createAllIn}: a few statements for all of them rather than several per row),
 * each still checked and reported on its own; a change runs on its own. Each write runs under a savepoint, so a row
 * PostGIS refuses (an invalid polygon) is reported and the others still go on (a batch PostGIS refuses is written
 * again row by row, to tell which row it was); overlaps are measured against the register as it is with the earlier
 * rows of the file already in. The transaction is committed
 * only when no row has an error and it is not a dry run; otherwise it is rolled back and nothing is written. A dry
 * run therefore reports exactly what the commit would do.
 */
final class CompoundImport {

    private final DataSource dataSource;
    private final CompoundStore store;
    private final RegisterCodes codes;
    private final ImportColumns.Limits limits;

    CompoundImport(DataSource dataSource, CompoundStore store, RegisterCodes codes, ImportColumns.Limits limits) {
        this.dataSource = dataSource;
        this.store = store;
        this.codes = codes;
        this.limits = limits;
    }

    /** The report, and whether the rows were written. */
    record Outcome(ObjectNode report, boolean committed, int errors) {
    }

    /** Work done in the import's transaction just before it commits (a staged import marked committed). */
    interface BeforeCommit {
        void run(Connection c, ObjectNode report) throws SQLException;
    }

    Outcome run(ImportFile.Rows rows, PostedCrs crs, boolean dryRun, Actor actor, String fileName) throws SQLException {
        return run(rows, crs, dryRun, actor, fileName, (c, report) -> {
        });
    }

    /** Imports the rows, written as {@code actor}'s (changed_by) and audited {@code compound.imported} when committed. */
    Outcome run(ImportFile.Rows rows, PostedCrs crs, boolean dryRun, Actor actor, String fileName, BeforeCommit beforeCommit)
            throws SQLException {
        CompoundStore.Author by = new CompoundStore.Author(actor.username(), CompoundStore.Via.IMPORT);
        Report report = new Report(rows, limits.maxReportedErrors());
        Set<String> codesOfFile = new LinkedHashSet<>();
        rows.rows().forEach(r -> {
            JsonNode code = r.values().get(CompoundInput.CODE);
            if (code != null && code.isTextual()) {
                codesOfFile.add(code.asText());
            }
        });
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lockAll(c, codesOfFile);
                Set<String> registered = registered(c, codesOfFile);
                Map<String, Integer> firstRow = new HashMap<>();
                List<NewRow> created = new ArrayList<>();
                for (ImportFile.Row row : rows.rows()) {
                    importRow(c, row, crs, by, registered, firstRow, created, report);
                }
                createAll(c, created, crs, by, report);
                boolean commit = !dryRun && report.errors() == 0;
                ObjectNode finished = report.finish(dryRun, commit);
                if (commit) {
                    beforeCommit.run(c, finished);
                    AuditLog.record(c, actor, "compound.imported", null, finished.has("import_id")
                            ? "compound import " + finished.path("import_id").asLong() : "compound import", importedDetail(finished, fileName));
                    c.commit();
                } else {
                    c.rollback();
                }
                return new Outcome(finished, commit, report.errors());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** A row of a new code, read and checked on its own, waiting to be written with the new codes around it. */
    private record NewRow(int number, CompoundInput input) {
    }

    /**
     * Checks one row and writes it, or, when its code is new, adds it to {@code created} to be written with the next
     * ones. Whatever is reported of this row is reported after the rows before it are written, so the report keeps the
     * file's order and each row is measured against the rows before it.
     */
    private void importRow(Connection c, ImportFile.Row row, PostedCrs crs, CompoundStore.Author by, Set<String> registered,
                           Map<String, Integer> firstRow, List<NewRow> created, Report report) throws SQLException {
        JsonNode values = row.values();
        String code;
        try {
            code = CompoundInput.checkedCode(values.get(CompoundInput.CODE), codes.limits());
        } catch (ApiError e) {
            createAll(c, created, crs, by, report);
            report.error(row.number(), null, CompoundInput.CODE, "InvalidValue", e.getMessage());
            return;
        }
        Integer first = firstRow.putIfAbsent(code, row.number());
        if (first != null) {
            createAll(c, created, crs, by, report);
            report.error(row.number(), code, CompoundInput.CODE, "DuplicateCode",
                    "code " + code + " is given again; it is first given in row " + first);
            return;
        }
        List<CompoundInput.FieldError> fieldErrors = CompoundInput.fieldErrors(values, codes);
        if (!fieldErrors.isEmpty()) {
            createAll(c, created, crs, by, report);
            fieldErrors.forEach(f -> report.error(row.number(), code, f.field(), "InvalidValue", f.reason()));
            return;
        }
        boolean update = registered.contains(code);
        CompoundInput input;
        try {
            input = CompoundInput.forImportRow(values, update, crs, codes);
        } catch (ApiError e) {
            createAll(c, created, crs, by, report);
            report.error(row.number(), code, CompoundInput.fieldOf(e.getMessage()), e.code(), e.getMessage());
            return;
        }
        if (update) {
            createAll(c, created, crs, by, report);
            writeRow(c, row.number(), input, true, crs, by, report);
        } else {
            created.add(new NewRow(row.number(), input));
        }
    }

    /** Writes the waiting new codes together and reports each; empties {@code created}. */
    private void createAll(Connection c, List<NewRow> created, PostedCrs crs, CompoundStore.Author by, Report report)
            throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        Savepoint savepoint = c.setSavepoint();
        List<CompoundStore.Created> outcomes;
        try {
            outcomes = store.createAllIn(c, created.stream().map(NewRow::input).toList(), crs, by);
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!isRowInput(e)) {
                throw e;
            }
            c.rollback(savepoint);
            for (NewRow row : created) {
                writeRow(c, row.number(), row.input(), false, crs, by, report);
            }
            created.clear();
            return;
        }
        for (int i = 0; i < created.size(); i++) {
            NewRow row = created.get(i);
            CompoundStore.Created outcome = outcomes.get(i);
            if (outcome.refused() != null) {
                reportRefused(row.number(), row.input().code(), outcome.refused(), report);
            } else {
                report.written(row.number(), row.input().code(), false, outcome.written());
            }
        }
        created.clear();
    }

    /** One row written on its own, under a savepoint. */
    private void writeRow(Connection c, int number, CompoundInput input, boolean update, PostedCrs crs,
                          CompoundStore.Author by, Report report) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            CompoundStore.Written written = update ? store.changeIn(c, input, crs, by)
                    : store.createIn(c, input, crs, by);
            c.releaseSavepoint(savepoint);
            report.written(number, input.code(), update, written);
        } catch (ApiError e) {
            c.rollback(savepoint);
            reportRefused(number, input.code(), e, report);
        } catch (SQLException e) {
            if (!isRowInput(e)) {
                throw e;
            }
            c.rollback(savepoint);
            report.error(number, input.code(), null, "InvalidValue", CompoundInput.shown(String.valueOf(e.getMessage())));
        }
    }

    /** What the audit trail keeps of an import: the file, and how many compounds were added and changed. */
    private static java.util.Map<String, Object> importedDetail(ObjectNode report, String fileName) {
        java.util.Map<String, Object> detail = new java.util.LinkedHashMap<>();
        if (report.has("import_id")) {
            detail.put("import_id", report.path("import_id").asLong());
        }
        detail.put("file", fileName);
        detail.put("rows", report.path("rows_read").asInt());
        JsonNode summary = report.path("summary");
        for (String count : List.of("added", "changed", "unchanged")) {
            detail.put(count, summary.path(count).asInt());
        }
        return detail;
    }

    private static void reportRefused(int number, String code, ApiError e, Report report) {
        report.error(number, code, CompoundInput.fieldOf(e.getMessage()), e.code(), e.getMessage());
    }

    /**
     * Class 22 (data) and XX (PostGIS could not read a geometry): a row's input, not the server. A JDBC batch reports
     * the statement's error as the next exception of its BatchUpdateException.
     */
    private static boolean isRowInput(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = String.valueOf(x.getSQLState());
            if (state.startsWith("22") || state.startsWith("XX")) {
                return true;
            }
        }
        return false;
    }

    private static void lockAll(Connection c, Set<String> codes) throws SQLException {
        Sql.run(c, CompoundQueries.LOCK_CODES, SqlParams.of().array("codes", "text", codes));
    }

    private static Set<String> registered(Connection c, Set<String> codes) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement ps = Sql.prepare(c, CompoundQueries.CURRENT_CODES, SqlParams.of().array("codes", "text", codes))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /** The import report: one entry per row, the errors also listed on their own (up to max_reported_errors). */
    private static final class Report {
        private final ObjectNode root = Json.MAPPER.createObjectNode();
        private final ArrayNode rows;
        private final ArrayNode errors;
        private final ArrayNode warnings;
        private final int maxErrors;
        private int added;
        private int changed;
        private int unchanged;
        private int errorCount;
        private int errorRows;
        private int lastErrorRow = -1;

        Report(ImportFile.Rows file, int maxErrors) {
            this.maxErrors = maxErrors;
            root.put("format", file.format().name().toLowerCase(java.util.Locale.ROOT));
            root.put("encoding", file.encoding());
            root.put("rows_read", file.rows().size());
            ArrayNode ignored = root.putArray("ignored_columns");
            file.ignoredColumns().forEach(ignored::add);
            errors = Json.MAPPER.createArrayNode();
            warnings = Json.MAPPER.createArrayNode();
            rows = Json.MAPPER.createArrayNode();
        }

        int errors() {
            return errorCount;
        }

        void error(int row, String code, String field, String errorCode, String reason) {
            errorCount++;
            if (row != lastErrorRow) {
                errorRows++;
                lastErrorRow = row;
                ObjectNode r = rows.addObject();
                r.put("row", row);
                r.put("code", code);
                r.put("result", "error");
            }
            if (errors.size() < maxErrors) {
                ObjectNode e = errors.addObject();
                e.put("row", row);
                e.put("code", code);
                e.put("field", field);
                e.put("error", errorCode);
                e.put("description", reason);
            }
        }

        void written(int row, String code, boolean update, CompoundStore.Written written) {
            ObjectNode r = rows.addObject();
            r.put("row", row);
            r.put("code", code);
            String result = !update ? "added" : written.changed() ? "changed" : "unchanged";
            r.put("result", result);
            switch (result) {
                case "added" -> added++;
                case "changed" -> changed++;
                default -> unchanged++;
            }
            if (update && written.changed()) {
                ArrayNode fields = r.putArray("changed_fields");
                written.changedFields().forEach(fields::add);
            }
            for (JsonNode w : written.warnings()) {
                ObjectNode warning = ((ObjectNode) w.deepCopy());
                warning.put("row", row);
                warning.put("compound_code", code);
                warnings.add(warning);
            }
        }

        ObjectNode finish(boolean dryRun, boolean committed) {
            root.put("dry_run", dryRun);
            root.put("committed", committed);
            ObjectNode summary = root.putObject("summary");
            summary.put("added", added);
            summary.put("changed", changed);
            summary.put("unchanged", unchanged);
            summary.put("error_rows", errorRows);
            summary.put("errors", errorCount);
            summary.put("warnings", warnings.size());
            root.set("errors", errors);
            root.put("errors_shown", errors.size());
            root.set("warnings", warnings);
            root.set("rows", rows);
            return root;
        }
    }
}
