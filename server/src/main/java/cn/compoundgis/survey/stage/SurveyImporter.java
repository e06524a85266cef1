package cn.compoundgis.survey.stage;

import cn.compoundgis.http.Message;
import cn.compoundgis.audit.AuditLog;
import cn.compoundgis.db.Compounds;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import cn.compoundgis.survey.crs.CoordinateTell;
import cn.compoundgis.survey.crs.CoordinateTells;
import cn.compoundgis.survey.crs.CrsDetection;
import cn.compoundgis.survey.crs.EpsgTransform;
import cn.compoundgis.survey.crs.LocalGrid;
import cn.compoundgis.survey.crs.PrjCrs;
import cn.compoundgis.survey.recognize.FieldDialects;
import cn.compoundgis.survey.recognize.LayerKind;
import cn.compoundgis.survey.recognize.LayerRecognizer;
import cn.compoundgis.survey.recognize.ValueCodes;
import cn.compoundgis.survey.shapefile.DbfField;
import cn.compoundgis.survey.shapefile.ReaderLimits;
import cn.compoundgis.survey.shapefile.ShapeRecord;
import cn.compoundgis.survey.shapefile.ShapeType;
import cn.compoundgis.survey.shapefile.Shapefile;
import cn.compoundgis.survey.shapefile.ShapefileFormatException;
import cn.compoundgis.survey.shapefile.ShapefileSet;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Reads an unpacked upload, recognises its layers, fields and CRS, checks every record, and stages the
 * accepted ones for its compound in one transaction, with a validation report. Nothing touches the
 * compound's current data: that is the commit's job.
 */
public final class SurveyImporter {
    /** Survey reports (and the records the survey API answers with) name their fields in snake_case. */
    public static final ObjectMapper REPORT_JSON = Json.SNAKE_CASE;
    private static final Pattern EPSG = Pattern.compile("^(?:EPSG:|https?://www\\.opengis\\.net/def/crs/EPSG/0/)?(\\d{4,5})$",
            Pattern.CASE_INSENSITIVE);
    /** Survey X is a northing: 7 digits (2.5–6 million m) in China; eastings are 6 digits, or 8 with a zone prefix. */
    private static final double MIN_NORTHING = 2_000_000;
    private static final double MAX_NORTHING = 6_000_000;

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SurveyImporter.class.getName());
    /** One thread for the statistics of staged rows, made after the upload is answered ({@link #analyzeLater}). */
    private static final java.util.concurrent.ExecutorService STATISTICS = java.util.concurrent.Executors.newSingleThreadExecutor(
            task -> {
                Thread thread = new Thread(task, "staged-statistics");
                thread.setDaemon(true);
                return thread;
            });
    private final DataSource dataSource;
    private final int workingSrid;
    private final LayerRecognizer recognizer = new LayerRecognizer();
    private final FieldDialects dialects = new FieldDialects();
    private final ValueCodes codes = new ValueCodes();
    private final ValidationRules rules = ValidationRules.load();
    private final GeometryFactory factory = new GeometryFactory();

    public SurveyImporter(DataSource dataSource, int workingSrid) {
        this.dataSource = dataSource;
        this.workingSrid = workingSrid;
    }

    /** A recognised layer, opened, with where its coordinates are. */
    private record Layer(Shapefile file, LayerKind kind, Optional<String> network, SourceCrs crs, LayerReport report) {
    }

    public ValidationReport stage(StageRequest request) throws SQLException, IOException {
        ValidationReport report = new ValidationReport();
        report.upload = request.uploadName();
        report.zipNameEncoding = request.zipNameEncoding();
        List<Layer> layers = new ArrayList<>();
        try {
            openLayers(request, report, layers);
            try (Connection conn = dataSource.getConnection()) {
                conn.setAutoCommit(false);
                try {
                    resolveCompound(conn, request, layers, report);
                    requirePermission(conn, request, layers, report);
                    lockCompound(conn, report.compound);
                    report.surveyId = insertSurvey(conn, request, layers, report);
                    long started = System.nanoTime();
                    Map<String, FirstRecord> boundaryRecords = new HashMap<>();
                    ShapeChecks shapes = new ShapeChecks(rules, currentBoundary(conn, report));
                    for (Layer layer : pointsFirst(layers)) {
                        stageLayer(conn, layer, report, boundaryRecords, shapes);
                    }
                    rejectInvalidBoundaries(conn, layers, report);
                    requireBoundaryOfNewCompound(conn, layers, report);
                    long staged = System.nanoTime();
                    List<LayerKind> kinds = layers.stream().map(Layer::kind).toList();
                    boolean analyzed = StagingChecks.run(conn, report, rules, kinds, shapes);
                    saveReport(conn, report);
                    auditUpload(conn, request, report);
                    conn.commit();
                    if (!analyzed) {
                        analyzeLater(kinds);
                    }
                    LOG.info(String.format("survey %d for %s: %d records read and staged in %.2f s, checked in %.2f s",
                            report.surveyId, report.compound, report.layers.stream().mapToInt(l -> l.read).sum(),
                            (staged - started) / 1e9, (System.nanoTime() - staged) / 1e9));
                } catch (SQLException | RuntimeException e) {
                    conn.rollback();
                    throw e;
                }
            }
        } finally {
            for (Layer layer : layers) {
                layer.file().close();
            }
        }
        return report;
    }

    /**
     * The staged rows' statistics, made after the answer when the checks did not need them (a diff, a network check
     * or the commit of the survey will): ANALYZE reads a sample of the whole table, which the upload need not wait for.
     */
    private void analyzeLater(List<LayerKind> kinds) {
        STATISTICS.execute(() -> {
            try (Connection conn = dataSource.getConnection()) {
                conn.setAutoCommit(true);
                StagingChecks.analyze(conn, kinds);
            } catch (SQLException | RuntimeException e) {
                LOG.fine("statistics of the staged rows not made now (autovacuum will): " + e.getMessage());
            }
        });
    }

    // --- layers -----------------------------------------------------------------------------

    private void openLayers(StageRequest request, ValidationReport report, List<Layer> layers)
            throws IOException {
        List<ShapefileSet> sets = ShapefileSet.findAll(request.filesDir());
        if (sets.isEmpty()) {
            throw ApiError.invalidUpload(request.uploadName() + " holds no shapefile (.shp): nothing to import")
                    .says("upload.no_shapefile", "upload", request.uploadName());
        }
        for (ShapefileSet set : sets) {
            Shapefile file;
            try {
                file = Shapefile.open(set, request.encoding());
            } catch (ShapefileFormatException | IllegalArgumentException e) {
                throw unreadable(set.layerName(), e);
            }
            LayerReport lr = describe(file);
            report.layers.add(lr);
            Optional<LayerRecognizer.Recognition> recognition = recognize(request, file);
            if (recognition.isEmpty()) {
                lr.skipped = true;
                lr.skippedBecause = mappingAdvice(set.layerName(), file.shapeType().kind());
                lr.how.put("skipped", mappingAdviceSaid(set.layerName(), file.shapeType().kind()));
                LayerKind.taking(file.shapeType().kind()).forEach(k -> lr.mappableAs.add(k.id()));
                file.close();
                continue;
            }
            try {
                layers.add(recognizedLayer(request, file, recognition.get(), lr));
            } catch (ApiError e) {
                file.close();
                throw e;
            }
        }
        if (layers.isEmpty()) {
            throw ApiError.invalidUpload("no layer of " + request.uploadName() + " was recognised ("
                    + String.join(", ", report.layers.stream().map(l -> l.file).toList())
                    + "); give a mapping such as {\"layers\": {\"file name\": \"pipes\"}}")
                    .says("upload.no_layer_recognised", "upload", request.uploadName(),
                            "names", report.layers.stream().map(l -> l.file).toList());
        }
    }

    /** A shapefile the reader refused as a whole (a header that does not fit the file, say): nothing is imported. */
    private static ApiError unreadable(String layer, Exception e) {
        String english = e.getMessage() + (e instanceof ShapefileFormatException ? "; nothing was imported" : "");
        return ApiError.invalidUpload(english).says("upload.shapefile_unreadable", "file", layer);
    }

    /** What to name in the mapping for a layer not recognised: a layer its shape type can be (polygons: compounds …). */
    private static String mappingAdvice(String layerName, ShapeType.Kind shape) {
        List<String> kinds = LayerKind.taking(shape).stream().map(LayerKind::id).toList();
        if (kinds.isEmpty()) {
            return "not recognised by its file name, and its shape type (" + shape.name().toLowerCase(java.util.Locale.ROOT)
                    + ") is no layer's: it cannot be imported";
        }
        return "not recognised by its file name; name its layer in the mapping, e.g. {\"layers\": {\"" + layerName
                + "\": \"" + kinds.get(0) + "\"}}; a " + shape.name().toLowerCase(java.util.Locale.ROOT)
                + " layer can be " + String.join(", ", kinds);
    }

    private static Message mappingAdviceSaid(String layerName, ShapeType.Kind shape) {
        List<String> kinds = LayerKind.taking(shape).stream().map(LayerKind::id).toList();
        String shapeName = shape.name().toLowerCase(java.util.Locale.ROOT);
        return kinds.isEmpty() ? Message.of("unmappable", "shape", shapeName)
                : Message.of("mappable", "layer", layerName, "shape", shapeName, "kinds", kinds);
    }

    private LayerReport describe(Shapefile file) {
        LayerReport lr = new LayerReport();
        lr.file = file.files().shp().getFileName().toString();
        lr.layerName = file.files().layerName();
        lr.shapeType = file.shapeType().name();
        lr.encoding = file.encoding().name();
        lr.encodingHow = file.encoding().how();
        lr.how.put("encoding", file.encoding().said());
        return lr;
    }

    private Optional<LayerRecognizer.Recognition> recognize(StageRequest request, Shapefile file) {
        String name = file.files().layerName();
        LayerKind mapped = request.layerMapping().get(name);
        if (mapped != null) {
            Optional<LayerRecognizer.Recognition> byName = recognizer.recognize(name, null);
            return Optional.of(new LayerRecognizer.Recognition(mapped,
                    byName.filter(r -> r.kind() == mapped).flatMap(LayerRecognizer.Recognition::network), "the upload's mapping",
                    Message.of("mapping")));
        }
        return recognizer.recognize(name, jtsType(file));
    }

    private static String jtsType(Shapefile file) {
        return switch (file.shapeType().kind()) {
            case POINT, MULTIPOINT -> "Point";
            case LINE -> "LineString";
            case POLYGON -> "Polygon";
            case NULL -> null;
        };
    }

    private Layer recognizedLayer(StageRequest request, Shapefile file, LayerRecognizer.Recognition recognition,
                                  LayerReport lr) throws IOException {
        lr.layer = recognition.kind().id();
        lr.recognizedBy = recognition.how();
        lr.how.put("layer", recognition.said());
        lr.network = recognition.network().orElse(null);
        List<String> names = file.fields().stream().map(DbfField::name).toList();
        Map<String, String> fields = dialects.match(recognition.kind(), names,
                request.fieldMapping().getOrDefault(recognition.kind(), Map.of()));
        lr.fields.putAll(fields);
        dialects.canonicalFields(recognition.kind()).stream().filter(f -> !fields.containsKey(f)).forEach(lr.mappableFields::add);
        names.stream().filter(n -> !fields.containsValue(n)).forEach(lr.unmappedFields::add);
        SourceCrs crs = sourceCrs(request, file, lr.file);
        requireTransformable(crs);
        lr.crs = crs.label();
        lr.crsHow = crs.how();
        lr.how.put("crs", crs.said());
        return new Layer(file, recognition.kind(), recognition.network(), crs, lr);
    }

    // --- CRS --------------------------------------------------------------------------------

    private SourceCrs sourceCrs(StageRequest request, Shapefile file, String fileName) throws IOException {
        if (request.crs().isPresent()) {
            return givenCrs(request.crs().get());
        }
        Optional<String> prj = file.prjText();
        Envelope bounds = file.headerBounds();
        List<CoordinateTell> tells = new ArrayList<>(CoordinateTells.suggest(bounds).tells());
        if (request.compound().isPresent()) {
            compoundLonLat(request.compound().get())
                    .flatMap(at -> CoordinateTells.suggestNear(bounds, request.compound().get(), at))
                    .ifPresent(tell -> tells.add(0, tell));
        }
        String hint = tells.stream().map(CoordinateTell::message)
                .reduce((a, b) -> a + "; " + b).map(s -> " (" + s + ")").orElse("");
        Optional<Integer> suggested = tells.stream().map(CoordinateTell::suggestedEpsg).filter(java.util.Objects::nonNull).findFirst();
        List<Message> tellsSaid = tells.stream().map(CoordinateTell::said).toList();
        if (prj.isEmpty()) {
            throw withSuggestion(ApiError.crsRequired(fileName + " has no .prj, so its coordinate system is unknown: give crs "
                    + "(an EPSG code such as EPSG:4548, or the name of a registered local grid)" + hint)
                    .says("crs_required.no_prj", "file", fileName, "tells", tellsSaid), suggested);
        }
        CrsDetection detection = PrjCrs.fromPrj(prj.get());
        if (!detection.isKnown()) {
            String prjName = fileName.replaceFirst("\\.shp$", ".prj");
            throw withSuggestion(ApiError.crsRequired(prjName + ": " + detection.how() + " (crs=EPSG:nnnn or a local grid name)" + hint)
                    .says("crs_required.prj_unknown", "file", prjName, "outcome", detection.outcome().name().toLowerCase(java.util.Locale.ROOT),
                            "tells", tellsSaid), suggested);
        }
        return new SourceCrs(detection.epsg(), Optional.empty(), "EPSG:" + detection.epsg(), ".prj: " + detection.how(),
                Message.of("prj", "epsg", detection.epsg(), "detail", detection.how()));
    }

    /** The refusal names the CRS the numbers point to, as {@code suggested_crs}, for the map to offer. */
    private static ApiError withSuggestion(ApiError refusal, Optional<Integer> epsg) {
        return epsg.map(code -> refusal.with("suggested_crs", "EPSG:" + code)).orElse(refusal);
    }

    private Optional<Coordinate> compoundLonLat(String code) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, StageQueries.COMPOUND_LON_LAT, SqlParams.of().text("compound", code));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Coordinate(rs.getDouble(1), rs.getDouble(2))) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty(); // the suggestion is a courtesy: the refusal stands without it
        }
    }

    /** An EPSG code proj4j cannot transform to the working CRS is refused here, not found out while staging. */
    private void requireTransformable(SourceCrs crs) {
        if (crs.srid() != workingSrid) {
            try {
                EpsgTransform.between(crs.srid(), workingSrid);
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidCrs(crs.label() + " (" + crs.how() + ") is not a coordinate system this server "
                        + "can transform: " + e.getMessage()).says("crs_not_transformable", "crs", crs.label());
            }
        }
    }

    private SourceCrs givenCrs(String crs) {
        Matcher m = EPSG.matcher(crs.strip());
        if (m.matches()) {
            int srid = Integer.parseInt(m.group(1));
            return new SourceCrs(srid, Optional.empty(), "EPSG:" + srid, "given with the upload (crs=" + crs + ")",
                    Message.of("given", "crs", crs));
        }
        LocalGrid grid = LocalGrids.find(dataSource, crs.strip()).orElseThrow(() -> ApiError.invalidCrs(
                "crs=" + crs + " is neither an EPSG code (EPSG:4548) nor a registered local grid").says("crs_unknown", "crs", crs));
        return new SourceCrs(grid.targetEpsg(), Optional.of(grid), "local grid " + grid.name() + " → EPSG:" + grid.targetEpsg(),
                "given with the upload (crs=" + crs + "): four-parameter transform to EPSG:" + grid.targetEpsg(),
                Message.of("local_grid", "crs", crs, "epsg", grid.targetEpsg()));
    }

    // --- compound ---------------------------------------------------------------------------

    /**
     * The compound the upload is for: compound= when given; else the code of its boundary layer (小区边界), which
     * may name a compound not known yet (created on commit); else the compound its data lies in. A compound= that
     * names no compound needs a boundary layer to create it.
     */
    private void resolveCompound(Connection conn, StageRequest request, List<Layer> layers, ValidationReport report)
            throws SQLException, IOException {
        List<Layer> boundaries = layers.stream().filter(l -> l.kind() == LayerKind.COMPOUNDS).toList();
        Map<String, String> codes = boundaryCodes(boundaries, request);
        if (codes.size() > 1) {
            throw ApiError.invalidUpload("the boundary layer of " + request.uploadName() + " names " + codes.size()
                    + " compounds (" + listed(codes) + "); an upload is for one compound: send each compound's boundary "
                    + "and data in an upload of its own")
                    .says("upload.several_compounds", "upload", request.uploadName(), "n", codes.size(),
                            "names", codes.keySet().stream().limit(5).toList());
        }
        if (request.compound().isPresent()) {
            String code = request.compound().get();
            report.compound = code;
            report.compoundGiven = true;
            report.compoundNew = !Compounds.isCurrent(conn, code);
            if (report.compoundNew && boundaries.isEmpty()) {
                throw ApiError.notFound("compound=" + code + ": no such compound; to create it, send its boundary "
                        + "layer (小区边界.shp: a polygon with 小区编码/XQBM " + code + " and 小区名称/XQMC) with the upload")
                        .says("upload.no_such_compound", "compound", code);
            }
            report.compoundHow = "given with the upload" + (report.compoundNew ? "; a new compound, created on commit "
                    + "from the boundary layer " + boundaries.get(0).report().file : "");
            report.compoundSaid = report.compoundNew ? Message.of("given_new", "file", boundaries.get(0).report().file) : Message.of("given");
            return;
        }
        if (codes.size() == 1) {
            Map.Entry<String, String> only = codes.entrySet().iterator().next();
            report.compound = only.getKey();
            report.compoundNew = !Compounds.isCurrent(conn, only.getKey());
            report.compoundHow = "the boundary layer names compound " + only.getKey() + " (" + only.getValue() + ")"
                    + (report.compoundNew ? "; a new compound, created on commit" : "");
            report.compoundSaid = Message.of(report.compoundNew ? "boundary_new" : "boundary", "compound", only.getKey(), "name", only.getValue());
            return;
        }
        Layer first = layers.get(0);
        Envelope bounds = first.crs().toSrid(factory.toGeometry(first.file().headerBounds())).getEnvelopeInternal();
        Coordinate centre = workingCentre(first, bounds, request);
        try (PreparedStatement ps = Sql.prepare(conn, StageQueries.COMPOUND_AT_POINT,
                SqlParams.of().float8("x", centre.x).float8("y", centre.y).integer("srid", workingSrid))) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiError.invalidUpload("the data of " + request.uploadName()
                            + " lies in no known compound: give compound=CODE, or send the compound's boundary layer "
                            + "(小区边界.shp with its 小区编码/XQBM and 小区名称/XQMC) to create it")
                            .says("upload.in_no_compound", "upload", request.uploadName());
                }
                report.compound = rs.getString(1);
                report.compoundHow = "the data lies within compound " + rs.getString(1) + " (" + rs.getString(2) + ")";
                report.compoundSaid = Message.of("within", "compound", rs.getString(1), "name", rs.getString(2));
            }
        }
    }

    /** The codes the boundary layers give, in order, each with where it first appears (小区边界.dbf record 2). */
    private Map<String, String> boundaryCodes(List<Layer> boundaries, StageRequest request) throws IOException {
        Map<String, String> codes = new LinkedHashMap<>();
        readBoundaryRecords(boundaries, request, (r, where) -> r.text("code").ifPresent(code -> codes.putIfAbsent(code, where)));
        return codes;
    }

    /** The district the boundary layers give compound {@code code} (its first record), or null. */
    private String boundaryDistrict(List<Layer> layers, StageRequest request, String code) throws IOException {
        List<Layer> boundaries = layers.stream().filter(l -> l.kind() == LayerKind.COMPOUNDS).toList();
        Map<String, String> districts = new HashMap<>();
        readBoundaryRecords(boundaries, request, (r, where) -> {
            if (r.text("code").filter(code::equals).isPresent()) {
                r.text("district").ifPresent(d -> districts.putIfAbsent(code, d));
            }
        });
        return districts.get(code);
    }

    /** Reads every record of the boundary layers that have a code field, before staging, problems ignored. */
    private void readBoundaryRecords(List<Layer> boundaries, StageRequest request,
                                     java.util.function.BiConsumer<RecordReader, String> visit) throws IOException {
        for (Layer layer : boundaries) {
            Map<String, String> fields = layer.report().fields;
            if (!fields.containsKey("code")) {
                continue;
            }
            String dbfName = layer.file().files().dbf().map(p -> p.getFileName().toString()).orElse(layer.report().file);
            try (Shapefile again = Shapefile.open(layer.file().files(), request.encoding())) {
                again.read(new Shapefile.Visitor() {
                    @Override
                    public void record(ShapeRecord record) {
                        visit.accept(new RecordReader(record, fields, dbfName, Problems.IGNORED),
                                dbfName + " record " + record.number());
                    }

                    @Override
                    public void problem(ShapefileFormatException problem) {
                        // reported when the layer is staged
                    }
                });
            } catch (ShapefileFormatException e) {
                throw unreadable(layer.report().file, e);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String listed(Map<String, String> codes) {
        List<String> shown = codes.entrySet().stream().limit(5).map(e -> e.getKey() + " in " + e.getValue()).toList();
        return String.join(", ", shown) + (codes.size() > shown.size() ? ", …" : "");
    }

    /** The centre of the data in the working CRS, transformed here: PostGIS must not be asked to transform a point its CRS cannot hold. */
    private Coordinate workingCentre(Layer layer, Envelope bounds, StageRequest request) {
        Coordinate centre = layer.crs().srid() == workingSrid ? bounds.centre()
                : EpsgTransform.between(layer.crs().srid(), workingSrid).apply(bounds.centre());
        if (!ReaderLimits.DEFAULTS.isSaneCoordinate(centre.x) || !ReaderLimits.DEFAULTS.isSaneCoordinate(centre.y)) {
            throw ApiError.invalidUpload("the data of " + request.uploadName() + " (centre " + bounds.centre().x + ", "
                    + bounds.centre().y + ") lies where " + layer.crs().label() + " is not defined: check crs")
                    .says("upload.outside_crs", "upload", request.uploadName(), "crs", layer.crs().label());
        }
        return centre;
    }

    /** The uploader must be assigned to the compound (a new one: by the district its boundary gives) before anything is staged. */
    private void requirePermission(Connection conn, StageRequest request, List<Layer> layers, ValidationReport report)
            throws SQLException, IOException {
        if (report.compoundNew) {
            request.permission().requireNew(report.compound, boundaryDistrict(layers, request, report.compound));
        } else {
            request.permission().requireExisting(conn, report.compound);
        }
    }

    /** One upload or commit per compound at a time: a second is refused, not queued behind a long import. */
    private static void lockCompound(Connection conn, String code) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(conn, StageQueries.TRY_LOCK_COMPOUND, SqlParams.of().text("compound", code))) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw ApiError.conflict("another upload or commit for compound " + code
                            + " is in progress; try again when it has finished").says("compound_busy", "compound", code);
                }
            }
        }
    }

    private long insertSurvey(Connection conn, StageRequest request, List<Layer> layers, ValidationReport report)
            throws SQLException {
        return Sql.oneLong(conn, StageQueries.INSERT_SURVEY, SqlParams.of()
                .text("compound", report.compound)
                .text("title", request.uploadName())
                .text("source_crs", layers.get(0).crs().label())
                .text("encoding", layers.get(0).file().encoding().name())
                .array("layers", "text", layers.stream().map(l -> l.kind().id()).distinct().toArray())
                .text("upload_name", request.uploadName())
                .text("uploaded_by", request.uploader().username()));
    }

    // --- records ----------------------------------------------------------------------------

    /**
     * The layers in the order they are staged: pipe points before pipes, so that each pipe's ends are checked
     * against its points as it is read ({@link ShapeChecks}); otherwise in the upload's order.
     */
    private static List<Layer> pointsFirst(List<Layer> layers) {
        List<Layer> ordered = new ArrayList<>(layers);
        ordered.sort(java.util.Comparator.comparing(layer -> layer.kind() != LayerKind.PIPE_POINTS));
        return ordered;
    }

    /**
     * The boundary a known compound's data is measured against, in the working CRS (a new compound's data is
     * measured against its delivered boundary, by {@link StagingChecks}).
     */
    private Optional<Geometry> currentBoundary(Connection conn, ValidationReport report) throws SQLException {
        if (report.compoundNew) {
            return Optional.empty();
        }
        try (PreparedStatement ps = Sql.prepare(conn, StageQueries.CURRENT_BOUNDARY_SHAPE, SqlParams.of().text("compound", report.compound));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new WKBReader(factory).read(rs.getBytes(1))) : Optional.empty();
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS answered a boundary JTS cannot read", e);
        }
    }

    private void stageLayer(Connection conn, Layer layer, ValidationReport report, Map<String, FirstRecord> boundaryRecords,
                            ShapeChecks shapes) throws SQLException, IOException {
        LayerReport lr = layer.report();
        String dbfName = layer.file().files().dbf().map(p -> p.getFileName().toString()).orElse(lr.file);
        LayerContext ctx = new LayerContext(report.compound, report.compoundGiven, report.compoundNew, report.surveyId,
                lr.file, layer.network(), codes, rules);
        Set<String> pointNumbers = new HashSet<>();
        Map<String, Integer> firstRecordOf = new HashMap<>();
        Problems sink = new Problems() {
            @Override
            public void error(Problem p) {
                report.error(p);
            }

            @Override
            public void warning(Problem p) {
                report.warning(p);
            }
        };
        layer.file().warnings().forEach(w -> {
            Map<String, Object> params = new LinkedHashMap<>(w.params());
            params.put("warning", w.code());
            report.warning(new Problem(lr.file, 0, null, null, "layer", w.text(), params));
        });
        coordinateTells(layer, report);
        shapes.layer(layer.kind());
        try (StagingWriter writer = new StagingWriter(conn, layer.kind(), layer.crs().srid(), workingSrid)) {
            layer.file().read(new Shapefile.Visitor() {
                @Override
                public void record(ShapeRecord record) throws Exception {
                    lr.read++;
                    RecordReader r = new RecordReader(record, lr.fields, dbfName, sink);
                    Geometry g = shape(layer, r, record.geometry());
                    Optional<StagedFeature> feature = r.failed() ? Optional.empty() : FeatureMappers.map(layer.kind(), r, g, ctx);
                    if (feature.isPresent() && layer.kind() == LayerKind.PIPE_POINTS) {
                        feature = uniquePointNumber(feature.get(), r, pointNumbers, firstRecordOf);
                    }
                    if (feature.isPresent() && layer.kind() == LayerKind.COMPOUNDS) {
                        feature = oneBoundaryRecord(feature.get(), r, dbfName, boundaryRecords);
                    }
                    Optional<Geometry> working = feature.isPresent() ? writer.add(feature.get()) : Optional.empty();
                    if (working.isPresent()) {
                        shapes.staged(layer.kind(), feature.get().columns(), working.get());
                    } else if (feature.isPresent()) {
                        r.errorRecord("outside_crs", "cannot be transformed from " + layer.crs().label()
                                + " to the working CRS: its coordinates lie where that CRS is not defined (check crs)",
                                Message.params("crs", layer.crs().label()));
                        feature = Optional.empty();
                    }
                    if (feature.isPresent()) {
                        lr.accepted++;
                    } else {
                        lr.rejected++;
                    }
                }

                @Override
                public void problem(ShapefileFormatException problem) {
                    lr.read++;
                    lr.rejected++;
                    report.error(new Problem(problem.file(), problem.record(), problem.field().orElse(null), null,
                            "unreadable_record", problem.getMessage(), Message.params("detail", problem.getMessage())));
                }
            });
            writer.flush();
        } catch (SQLException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<StagedFeature> uniquePointNumber(StagedFeature feature, RecordReader r, Set<String> seen,
                                                             Map<String, Integer> firstRecordOf) {
        String no = (String) feature.columns().get("point_no");
        if (!seen.add(no)) {
            r.error("point_no", "duplicate_point_no", "is used already by record " + firstRecordOf.get(no)
                    + "; point numbers must be unique in a compound", Message.params("first", firstRecordOf.get(no)));
            return Optional.empty();
        }
        firstRecordOf.put(no, r.number());
        return Optional.of(feature);
    }

    /** Where a compound's boundary was read first. */
    private record FirstRecord(String file, int record) {
    }

    /**
     * A compound's boundary is one record (a MultiPolygon when the compound lies in pieces): a second record of the
     * same compound is an error (blocking, so the first is not committed as the whole boundary unnoticed).
     */
    private static Optional<StagedFeature> oneBoundaryRecord(StagedFeature feature, RecordReader r, String dbfName,
                                                            Map<String, FirstRecord> firstRecords) {
        String code = (String) feature.columns().get("code");
        FirstRecord first = firstRecords.putIfAbsent(code, new FirstRecord(dbfName, r.number()));
        if (first != null) {
            r.error("code", "duplicate_code", "is compound " + code + " again, whose boundary is " + first.file()
                    + " record " + first.record() + " already: a compound's boundary is one record (a MultiPolygon for a"
                    + " compound in pieces); this record is not imported",
                    Message.params("compound", code, "firstFile", first.file(), "first", first.record()));
            return Optional.empty();
        }
        return Optional.of(feature);
    }

    /**
     * A boundary is judged by PostGIS (ST_IsValid) once staged, and an invalid one rejected with PostGIS's reason: it is
     * never repaired silently, as the compound's area and every "within the compound" answer depend on it.
     */
    private static void rejectInvalidBoundaries(Connection conn, List<Layer> layers, ValidationReport report) throws SQLException {
        if (layers.stream().noneMatch(l -> l.kind() == LayerKind.COMPOUNDS)) {
            return;
        }
        try (PreparedStatement ps = Sql.prepare(conn, StageQueries.REJECT_INVALID_BOUNDARIES,
                SqlParams.of().bigint("survey", report.surveyId))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String file = rs.getString(1);
                    report.error(new Problem(file, rs.getInt(2), null, null, "invalid_polygon",
                            "the boundary is not a valid polygon (PostGIS: " + rs.getString(3) + "); correct it in the "
                                    + "survey data: a boundary is not repaired on upload",
                            Message.params("postgis", rs.getString(3))));
                    layers.stream().map(Layer::report).filter(lr -> lr.file.equals(file)).findFirst().ifPresent(lr -> {
                        lr.accepted--;
                        lr.rejected++;
                    });
                }
            }
        }
    }

    /** A new compound is made from its boundary: without one staged, the upload is refused with the boundary's errors. */
    private static void requireBoundaryOfNewCompound(Connection conn, List<Layer> layers, ValidationReport report)
            throws SQLException {
        if (!report.compoundNew) {
            return;
        }
        if (Sql.exists(conn, StageQueries.STAGED_BOUNDARY_EXISTS, SqlParams.of().bigint("survey", report.surveyId))) {
            return;
        }
        List<String> files = layers.stream().filter(l -> l.kind() == LayerKind.COMPOUNDS)
                .map(l -> l.report().file.replaceFirst("(?i)\\.shp$", "")).toList();
        List<Finding> boundaryErrors = report.getErrors().stream()
                .filter(f -> files.contains(f.file.replaceFirst("(?i)\\.(shp|dbf)$", ""))).limit(5).toList();
        List<String> reasons = boundaryErrors.stream()
                .map(f -> f.file + " record " + f.record + (f.field == null ? "" : " field " + f.field) + ": " + f.reason)
                .toList();
        throw ApiError.invalidUpload("compound " + report.compound + " is not known yet, and the upload has no usable "
                + "boundary for it" + (reasons.isEmpty() ? " (the boundary layer has no records)" : ": " + String.join("; ", reasons))
                + "; nothing was imported")
                .says("upload.new_compound_without_boundary", "compound", report.compound, "findings", boundaryErrors);
    }

    private void coordinateTells(Layer layer, ValidationReport report) {
        Envelope bounds = layer.crs().toSrid(factory.toGeometry(layer.file().headerBounds())).getEnvelopeInternal();
        if (bounds.isNull() || layer.crs().grid().isPresent()) {
            return;
        }
        for (CoordinateTell tell : CoordinateTells.check(bounds, layer.crs().srid()).tells()) {
            if (tell.severity() != CoordinateTell.Severity.INFO) {
                report.warning(new Problem(layer.report().file, 0, null, null, tell.code(), tell.message(), tell.said().params()));
            }
        }
    }

    /** The record's shape in the CRS PostGIS transforms from, in the form its table takes; problems noted on r. */
    private Geometry shape(Layer layer, RecordReader r, Geometry geometry) {
        Geometry g = geometry;
        if (layer.kind() == LayerKind.PIPE_POINTS) {
            g = pointFromColumns(r, g);
        }
        if (g == null || g.isEmpty()) {
            r.errorRecord("no_geometry", "has no geometry");
            return null;
        }
        g = singlePartWhereRequired(layer.kind(), g, r);
        if (g == null) {
            return null;
        }
        if (layer.kind() != LayerKind.COMPOUNDS && !g.isValid()) {
            g = GeometryFixer.fix(g);
            r.warnRecord("geometry_repaired", "geometry was invalid (self-intersecting or badly wound) and was repaired");
        }
        return layer.crs().toSrid(g);
    }

    private Geometry singlePartWhereRequired(LayerKind kind, Geometry g, RecordReader r) {
        if (kind.geometryTypes().contains(g.getGeometryType())) {
            return g;
        }
        boolean collection = g.getNumGeometries() > 1 || g.getGeometryN(0) != g;
        if (collection && kind.geometryTypes().contains(g.getGeometryN(0).getGeometryType())) {
            if (g.getNumGeometries() == 1) {
                return g.getGeometryN(0);
            }
            r.errorRecord("multipart", "has " + g.getNumGeometries() + " parts; a " + kind.id() + " record must be one piece",
                    Message.params("parts", g.getNumGeometries(), "kind", kind.id()));
            return null;
        }
        r.errorRecord("wrong_geometry_type", "is a " + g.getGeometryType() + "; a " + kind.id() + " layer takes " + kind.geometryTypes(),
                Message.params("type", g.getGeometryType(), "kind", kind.id(), "types", String.join(", ", kind.geometryTypes())));
        return null;
    }

    /**
     * Survey point tables carry X (northing) and Y (easting) columns. They must agree with the shape; where
     * the shape is missing they make it. Columns that hold easting/northing the other way round are noticed.
     */
    private Geometry pointFromColumns(RecordReader r, Geometry shape) {
        Optional<Double> x = r.number("x");
        Optional<Double> y = r.number("y");
        if (x.isEmpty() || y.isEmpty()) {
            return shape;
        }
        double northing = x.get();
        double easting = y.get();
        if (shape == null || shape.isEmpty()) {
            if (looksLikeNorthing(easting) && !looksLikeNorthing(northing)) {
                r.warn("x", "xy_swapped", "holds an easting and Y a northing (survey X is the northing); read the other way round",
                        Message.params("against", "values"));
                return factory.createPoint(new Coordinate(northing, easting));
            }
            return factory.createPoint(new Coordinate(easting, northing));
        }
        Coordinate c = ((Point) shape).getCoordinate();
        double tolerance = rules.xyAgreementToleranceM();
        if (Math.hypot(c.x - easting, c.y - northing) <= tolerance) {
            return shape;
        }
        if (Math.hypot(c.x - northing, c.y - easting) <= tolerance) {
            r.warn("x", "xy_swapped", "and Y are swapped against the shape: survey X is the northing, Y the easting",
                    Message.params("against", "shape"));
        } else {
            double off = Math.hypot(c.x - easting, c.y - northing);
            r.warn("x", "xy_disagree", String.format("and Y place the point %.2f m from its shape; the shape is used", off),
                    Message.params("metres", Math.round(off * 100) / 100.0));
        }
        return shape;
    }

    private static boolean looksLikeNorthing(double v) {
        return v >= MIN_NORTHING && v <= MAX_NORTHING;
    }

    private static void auditUpload(Connection conn, StageRequest request, ValidationReport report) throws SQLException {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("file", request.uploadName());
        detail.put("layers", report.layers.stream().filter(l -> !l.skipped).map(l -> l.layer).toList());
        detail.put("records_read", report.layers.stream().mapToInt(l -> l.read).sum());
        detail.put("records_accepted", report.layers.stream().mapToInt(l -> l.accepted).sum());
        detail.put("records_rejected", report.layers.stream().mapToInt(l -> l.rejected).sum());
        detail.put("compound_new", report.compoundNew);
        AuditLog.record(conn, request.uploader(), "survey.uploaded", report.compound, "survey " + report.surveyId, detail);
    }

    private void saveReport(Connection conn, ValidationReport report) throws SQLException, IOException {
        Sql.update(conn, StageQueries.SAVE_REPORT, SqlParams.of()
                .text("report", REPORT_JSON.writeValueAsString(report)).bigint("survey", report.surveyId));
    }
}
