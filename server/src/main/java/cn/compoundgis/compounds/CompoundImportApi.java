package cn.compoundgis.compounds;

import cn.compoundgis.audit.Actor;
import cn.compoundgis.http.Requests;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.CrsRegistry;
import cn.compoundgis.geo.PostedCrs;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code POST /api/compounds/import}: a city's compound list (CSV, optionally with a WKT boundary column; a GeoJSON
 * FeatureCollection of boundaries; a zipped shapefile of boundaries; an XLSX sheet, optionally with a WKT column) as
 * multipart field {@code file} or as the raw body (Content-Type text/csv, application/geo+json, application/zip or the
 * XLSX type). Parameters: {@code dry_run=true} (report only), {@code crs} (of the boundaries: CRS84 by default for
 * GeoJSON, the .prj's for a shapefile, required for WKT), {@code encoding} (CSV, GeoJSON: utf-8, gbk, gb18030; a
 * shapefile's .dbf: any, else .cpg / language byte / detection), {@code sheet} (XLSX: the sheet's name; the first
 * when absent), {@code format} (csv, geojson, shp or zip, xlsx; told from the file name or Content-Type when absent).
 * The answer is the report of {@link CompoundImport}, each error also naming the file's column it came from: 200 when
 * written (or a dry run), 422 with the same report when a row has an error and nothing was written.
 */
public final class CompoundImportApi {
    static final String FILE_FIELD = "file";
    private static final String ZIP_TYPE = "application/zip";
    private static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int MAX_SHOWN_NAME_CHARS = 120;

    private final CompoundImport importer;
    private final ImportFile reader;
    private final ImportColumns.Limits limits;
    private final CrsRegistry crsRegistry;
    private final ImportStaging staging;

    public CompoundImportApi(DataSource dataSource, int workingSrid) {
        RegisterCodes codes = RegisterCodes.get();
        ImportColumns columns = ImportColumns.get();
        this.limits = columns.limits();
        this.reader = new ImportFile(columns);
        this.importer = new CompoundImport(dataSource, new CompoundStore(dataSource, workingSrid, codes), codes, limits);
        this.crsRegistry = new CrsRegistry(workingSrid);
        this.staging = new ImportStaging(dataSource, limits);
    }

    private record Upload(byte[] bytes, ImportFile.Format format, String fileName) {
    }

    public void importList(Context ctx) throws SQLException, IOException {
        boolean dryRun = Requests.flag(ctx, "dry_run", false);
        if (ctx.contentLength() > limits.maxFileBytes()) {
            throw tooLarge(ctx.contentLength());
        }
        Upload upload = upload(ctx);
        String crsParam = ctx.queryParam("crs");
        ImportFile.Source source = new ImportFile.Source(upload.bytes(), upload.format(), upload.fileName(),
                ctx.queryParam("encoding"), ctx.queryParam("sheet"));
        ImportFile.Rows rows = reader.read(source);
        PostedCrs crs = crs(crsParam, rows);
        CompoundImport.Outcome outcome = importer.run(rows, crs, dryRun, Actor.of(ctx), upload.fileName());
        ObjectNode report = outcome.report();
        describe(report, source, rows, crs);
        if (dryRun && outcome.errors() == 0) {
            long id = staging.stage(source, crsParam, report);
            report.put("import_id", id);
            report.put("commit", "/api/compounds/imports/" + id + "/commit");
        }
        answer(ctx, report, outcome, dryRun);
    }

    /** {@code GET /api/compounds/imports/{id}}: a staged import's status and the report of its dry run or commit. */
    public void showStaged(Context ctx) throws SQLException {
        ImportStaging.Staged staged = staging.find(importId(ctx));
        ctx.json(Json.SNAKE_CASE.valueToTree(new StagedStatus(staged.id(), staged.status(), staged.createdAt(),
                staged.committedAt(), staged.report())));
    }

    /** The answer of showStaged (snake_case: import_id, status, created_at, committed_at, report). */
    record StagedStatus(long importId, String status, String createdAt, String committedAt, JsonNode report) {
    }

    /**
     * {@code POST /api/compounds/imports/{id}/commit}: the staged file imported for real, read again with the same
     * parameters and checked again against the register as it is now (it may have changed since the dry run); the
     * staged import is marked committed in the same transaction. 409 when it is already committed; 422 with the report
     * when a row has an error now, nothing written.
     */
    public void commitStaged(Context ctx) throws SQLException {
        ImportStaging.Staged staged = staging.find(importId(ctx));
        if (!"staged".equals(staged.status())) {
            throw ApiError.conflict("compound import " + staged.id() + " is already committed (" + staged.committedAt() + ")");
        }
        ImportFile.Source source = staged.source();
        ImportFile.Rows rows = reader.read(source);
        PostedCrs crs = crs(staged.crs(), rows);
        CompoundImport.Outcome outcome = importer.run(rows, crs, false, Actor.of(ctx), source.fileName(),
                (c, report) -> {
                    report.put("import_id", staged.id());
                    describe(report, source, rows, crs);
                    ImportStaging.markCommitted(c, staged.id(), report);
                });
        ObjectNode report = outcome.report();
        report.put("import_id", staged.id());
        describe(report, source, rows, crs);
        answer(ctx, report, outcome, false);
    }

    /**
     * What the report adds to the importer's: the file, sheet and CRS read, how a shapefile's CRS was told, and with
     * each error the file's column (property, .dbf field) its field came from.
     */
    private static void describe(ObjectNode report, ImportFile.Source source, ImportFile.Rows rows, PostedCrs crs) {
        report.put("crs", crs.name());
        if (source.fileName() != null && !source.fileName().isBlank()) {
            report.put("file", source.fileName());
        }
        if (source.format() == ImportFile.Format.XLSX && source.sheet() != null && !source.sheet().isBlank()) {
            report.put("sheet", source.sheet().strip());
        }
        if (rows.fileCrsNote() != null) {
            report.put("crs_from_file", rows.fileCrsNote());
        }
        ObjectNode columns = report.putObject("columns");
        rows.columns().forEach(columns::put);
        for (JsonNode error : report.path("errors")) {
            String column = rows.columns().get(error.path("field").asText());
            if (column != null) {
                ((ObjectNode) error).put("column", column);
            }
        }
    }

    private static long importId(Context ctx) {
        return Requests.pathId(ctx, "id", "compound import");
    }

    private static void answer(Context ctx, ObjectNode report, CompoundImport.Outcome outcome, boolean dryRun) {
        if (outcome.errors() > 0 && !dryRun) {
            report.put("code", "InvalidRows");
            report.put("description", outcome.errors() + " error(s) in " + report.path("summary").path("error_rows").asInt()
                    + " row(s); nothing was imported. See errors (row, field, description); fix the file and send it again"
                    + " (dry_run=true checks it without writing)");
            ctx.status(422);
        }
        ctx.json(report);
    }

    private Upload upload(Context ctx) throws IOException {
        String type = String.valueOf(ctx.contentType()).toLowerCase(Locale.ROOT);
        String format = ctx.queryParam("format");
        if (type.startsWith("multipart/form-data")) {
            UploadedFile file;
            try {
                file = ctx.uploadedFile(FILE_FIELD);
            } catch (RuntimeException e) {
                throw ApiError.tooLarge("the upload is too large or not well-formed multipart: "
                        + CompoundInput.shown(String.valueOf(e.getMessage())));
            }
            if (file == null) {
                throw ApiError.badParameter("send the compound list as multipart/form-data field '" + FILE_FIELD + "'");
            }
            if (file.size() > limits.maxFileBytes()) {
                throw tooLarge(file.size());
            }
            try (InputStream in = file.content()) {
                byte[] bytes = in.readNBytes((int) limits.maxFileBytes() + 1);
                if (bytes.length > limits.maxFileBytes()) {
                    throw tooLarge(bytes.length);
                }
                return new Upload(bytes, format(format, file.filename(), String.valueOf(file.contentType())),
                        shownName(file.filename()));
            }
        }
        if (!type.startsWith("text/csv") && !type.contains("json") && !type.startsWith(ZIP_TYPE)
                && !type.startsWith(XLSX_TYPE)) {
            throw ApiError.of(415, "UnsupportedMediaType", "send the list as multipart/form-data (field '" + FILE_FIELD
                    + "'), text/csv, application/geo+json, " + ZIP_TYPE + " (a zipped shapefile) or " + XLSX_TYPE
                    + "; got " + CompoundInput.shown(type));
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > limits.maxFileBytes()) {
            throw tooLarge(bytes.length);
        }
        return new Upload(bytes, format(format, "", type), "");
    }

    /** An uploaded file's name without any folder a client sends with it, for messages and the report. */
    private static String shownName(String filename) {
        String name = String.valueOf(filename == null ? "" : filename).replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "?");
        return name.length() > MAX_SHOWN_NAME_CHARS ? name.substring(0, MAX_SHOWN_NAME_CHARS) + "…" : name;
    }

    private ApiError tooLarge(long bytes) {
        return ApiError.tooLarge("the compound list is " + bytes + " bytes; at most " + limits.maxFileBytes()
                + " bytes per import: split it");
    }

    private static ImportFile.Format format(String given, String filename, String contentType) {
        if (given != null) {
            return switch (given.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> ImportFile.Format.CSV;
                case "geojson", "json" -> ImportFile.Format.GEOJSON;
                case "shp", "shapefile", "zip" -> ImportFile.Format.SHAPEFILE;
                case "xlsx" -> ImportFile.Format.XLSX;
                default -> throw ApiError.badParameter("format '" + CompoundInput.shown(given)
                        + "' is not offered; use csv, geojson, shp (a zipped shapefile) or xlsx");
            };
        }
        String name = String.valueOf(filename).toLowerCase(Locale.ROOT);
        String type = contentType.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || type.startsWith("text/csv")) {
            return ImportFile.Format.CSV;
        }
        if (name.endsWith(".geojson") || name.endsWith(".json") || type.contains("json")) {
            return ImportFile.Format.GEOJSON;
        }
        if (name.endsWith(".zip") || type.startsWith(ZIP_TYPE) || type.startsWith("application/x-zip")) {
            return ImportFile.Format.SHAPEFILE;
        }
        if (name.endsWith(".xlsx") || type.startsWith(XLSX_TYPE)) {
            return ImportFile.Format.XLSX;
        }
        if (name.endsWith(".xls")) {
            throw ApiError.badParameter("'" + CompoundInput.shown(name) + "' is an Excel 97-2003 workbook (.xls): save it"
                    + " as .xlsx (Excel Workbook) and send that");
        }
        if (name.endsWith(".shp") || name.endsWith(".dbf")) {
            throw ApiError.badParameter("'" + CompoundInput.shown(name) + "' is one file of a shapefile: send the layer's"
                    + " .shp, .shx, .dbf and .prj together as one .zip");
        }
        throw ApiError.badParameter("cannot tell the format of '" + CompoundInput.shown(name) + "': send a .csv,"
                + " .geojson, .zip (shapefile) or .xlsx file, or say format=csv, geojson, shp or xlsx");
    }

    /**
     * The CRS of the boundaries. GeoJSON: CRS84 unless given. WKT: given by {@code crs}, or by the SRID of EWKT cells
     * ({@code SRID=4548;POLYGON(...)}) when every cell names the same one; its positions are read x first (easting,
     * longitude), as WKT is written.
     */
    private PostedCrs crs(String value, ImportFile.Rows rows) {
        boolean given = value != null && !value.isBlank();
        Set<Integer> srids = rows.wktSrids();
        String crsText = value;
        if (rows.format() == ImportFile.Format.SHAPEFILE && !given) {
            if (rows.fileSrid() == null) {
                throw ApiError.crsRequired(rows.fileCrsNote());
            }
            crsText = "EPSG:" + rows.fileSrid();
        }
        if (rows.hasWkt() && !given) {
            if (srids.size() != 1 || srids.contains(null)) {
                throw ApiError.badParameter("the table has WKT boundaries: say their CRS, e.g. crs=EPSG:4548 (CGCS2000"
                        + " 3-degree GK CM 117E) or crs=EPSG:4490, or write every cell as EWKT with one SRID"
                        + " (SRID=4548;POLYGON((...)))");
            }
            crsText = "EPSG:" + srids.iterator().next();
        }
        Crs crs = crsText != null && !crsText.isBlank() ? crsRegistry.parse("crs", crsText) : Crs.CRS84;
        for (Integer srid : srids) {
            if (srid != null && srid != crs.srid()) {
                throw ApiError.badParameter("an EWKT cell says SRID=" + srid + " but the boundaries are read in "
                        + crsText + "; give one CRS for the whole table");
            }
        }
        PostedCrs posted = CheckRequests.posted(crs);
        return rows.eastingFirst() ? new PostedCrs(posted.srid(), false, posted.name()) : posted;
    }

}
