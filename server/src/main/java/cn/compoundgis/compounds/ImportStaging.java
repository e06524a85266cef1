package cn.compoundgis.compounds;

import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Staged compound list imports (table compound_import, V18): a dry run that had no error keeps its file, the
 * parameters it was read with and its report, so that {@code POST /api/compounds/imports/{id}/commit} writes exactly
 * that file. Staged imports older than staged_import_hours are removed when the next one is staged.
 */
final class ImportStaging {

    private final DataSource dataSource;
    private final ImportColumns.Limits limits;

    ImportStaging(DataSource dataSource, ImportColumns.Limits limits) {
        this.dataSource = dataSource;
        this.limits = limits;
    }

    /** A staged import as stored. */
    record Staged(long id, ImportFile.Format format, String encoding, String crs, byte[] file, String status,
                  JsonNode report, String createdAt, String committedAt, String fileName, String sheet) {
        /** The file as its dry run read it. */
        ImportFile.Source source() {
            return new ImportFile.Source(file, format, fileName, encoding, sheet);
        }
    }

    long stage(ImportFile.Source source, String crs, ObjectNode report) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Sql.update(c, CompoundQueries.DROP_OLD_IMPORTS, SqlParams.of().integer("hours", limits.stagedImportHours()));
            return Sql.oneLong(c, CompoundQueries.STAGE_IMPORT, SqlParams.of()
                    .text("format", source.format().name().toLowerCase(Locale.ROOT)).text("encoding", source.encoding())
                    .text("crs", crs).bytes("file", source.bytes()).text("report", report.toString())
                    .text("file_name", source.fileName()).text("sheet", source.sheet()));
        }
    }

    Staged find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, CompoundQueries.STAGED_IMPORT, SqlParams.of().bigint("id", id))) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiError.notFound("no staged compound import " + id + " (a staged import is kept "
                            + limits.stagedImportHours() + " hours; stage it again with POST /api/compounds/import?dry_run=true)");
                }
                return new Staged(id, ImportFile.Format.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                        rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5), parse(rs.getString(6)),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
            }
        }
    }

    /** In the import's own transaction: the staged import is committed, once (a second commit is a 409). */
    static void markCommitted(Connection c, long id, ObjectNode report) throws SQLException {
        if (Sql.update(c, CompoundQueries.COMMIT_IMPORT, SqlParams.of().text("report", report.toString()).bigint("id", id)) != 1) {
            throw ApiError.conflict("compound import " + id + " was committed by another request; nothing more was written");
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
