package cn.compoundgis.survey;

import cn.compoundgis.accounts.CurrentUser;
import cn.compoundgis.audit.Actor;
import cn.compoundgis.compounds.CompoundCode;
import cn.compoundgis.http.Requests;
import cn.compoundgis.http.Responses;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.survey.crs.ControlPoint;
import cn.compoundgis.survey.crs.LocalGrid;
import cn.compoundgis.survey.crs.LocalGridFit;
import cn.compoundgis.survey.recognize.LayerKind;
import cn.compoundgis.survey.stage.FindingRules;
import cn.compoundgis.survey.stage.LocalGrids;
import cn.compoundgis.survey.stage.StageRequest;
import cn.compoundgis.survey.stage.SurveyImporter;
import cn.compoundgis.survey.stage.ValidationReport;
import cn.compoundgis.survey.upload.SafeZip;
import cn.compoundgis.survey.upload.UploadLimits;
import cn.compoundgis.survey.upload.UploadWorkspace;
import cn.compoundgis.http.Params;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Re-survey uploads: {@code POST /api/surveys} (multipart: a .zip or loose shapefile files; compound, crs,
 * encoding, mapping), {@code GET /api/surveys/{id}/diff}, {@code POST /api/surveys/{id}/commit},
 * {@code DELETE /api/surveys/{id}}; and {@code POST /api/local-grids} for administrators.
 */
public final class SurveysApi {
    private static final ObjectMapper JSON = SurveyImporter.REPORT_JSON;
    private static final String UPLOAD_FIELD = "file";
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SurveysApi.class.getName());

    private final DataSource dataSource;
    private final SurveyImporter importer;
    private final SurveyStore store;
    private final UploadLimits limits;
    private final UploadWorkspace workspace;

    public SurveysApi(DataSource dataSource, int workingSrid, UploadLimits limits) {
        this.dataSource = dataSource;
        this.importer = new SurveyImporter(dataSource, workingSrid);
        this.store = new SurveyStore(dataSource);
        this.limits = limits;
        this.workspace = new UploadWorkspace(UploadWorkspace.defaultParent());
        workspace.removeLeftovers();
    }

    /** Where Jetty spools multipart parts: in this server's upload workspace, cleaned at the next start. */
    public String multipartSpool() throws IOException {
        return workspace.multipartSpool().toString();
    }

    public void upload(Context ctx) throws IOException, SQLException {
        Path work = workspace.newFolder();
        try {
            List<Part> files = uploadedFiles(ctx);
            if (files.isEmpty()) {
                throw ApiError.badParameter("send the survey as multipart/form-data field '" + UPLOAD_FIELD
                        + "': one .zip, or the .shp/.shx/.dbf/.prj/.cpg files of each layer").says("upload.no_file");
            }
            // Bad parameters are refused before anything is unpacked.
            JsonNode mapping = mapping(ctx);
            Optional<String> compound = param(ctx, "compound");
            Optional<String> crs = param(ctx, "crs");
            Optional<String> encoding = param(ctx, "encoding");
            Path unpacked = Files.createDirectories(work.resolve("files"));
            long received = System.nanoTime();
            String zipNames = saveAll(files, work, unpacked);
            LOG.info(String.format(
                    "upload %s: %d file(s) saved in %.2f s", uploadName(files), files.size(), (System.nanoTime() - received) / 1e9));
            StageRequest request = new StageRequest(unpacked, uploadName(files), zipNames,
                    compound, crs, encoding, layerMapping(mapping), fieldMapping(mapping),
                    Actor.of(ctx), Assignments.of(CurrentUser.required(ctx)));
            ValidationReport report = importer.stage(request);
            report.uploadedBy = request.uploader().username();
            ctx.header("Location", "/api/surveys/" + report.surveyId);
            json(ctx, 201, report);
        } finally {
            UploadWorkspace.deleteRecursively(work);
        }
    }

    /**
     * The multipart file parts; a request over the configured size is refused before anything is read. Javalin's
     * uploadedFiles() configures and parses the request; the parts are then taken as the servlet's own, whose
     * write() moves a part Jetty spooled to disk instead of copying it (an 84 MB survey is not written twice).
     */
    private List<Part> uploadedFiles(Context ctx) throws IOException {
        if (ctx.contentLength() > limits.maxUploadBytes()) {
            throw ApiError.tooLarge("the upload is " + ctx.contentLength() + " bytes; at most "
                    + limits.maxUploadBytes() + " are accepted")
                    .says("upload.too_large", "n", ctx.contentLength(), "max", limits.maxUploadBytes());
        }
        try {
            ctx.uploadedFiles();
            List<Part> files = ctx.req().getParts().stream().filter(part -> part.getSubmittedFileName() != null).toList();
            List<Part> named = files.stream().filter(part -> UPLOAD_FIELD.equals(part.getName())).toList();
            return named.isEmpty() ? files : named;
        } catch (IllegalStateException | ServletException e) {
            throw ApiError.tooLarge("the upload is too large or not multipart/form-data: " + e.getMessage())
                    .says("upload.not_multipart", "max", limits.maxUploadBytes());
        }
    }

    private String saveAll(List<Part> files, Path work, Path unpacked) throws IOException {
        String zipNames = null;
        Map<String, String> looseNames = new HashMap<>();
        for (Part file : files) {
            String name = safeName(file.getSubmittedFileName());
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                Path zip = work.resolve("upload-" + files.indexOf(file) + ".zip");
                copy(file, zip);
                Path into = Files.createDirectories(unpacked.resolve("zip-" + files.indexOf(file)));
                zipNames = SafeZip.extract(zip, name, into, limits).nameEncoding();
            } else {
                String other = looseNames.put(name.toLowerCase(java.util.Locale.ROOT), name);
                if (other != null) {
                    throw ApiError.invalidUpload("the files '" + other + "' and '" + name
                            + "' have the same name (letter case aside); send each file once")
                            .says("upload.files_clash", "entry", name, "other", other);
                }
                copy(file, Files.createDirectories(unpacked.resolve("loose")).resolve(name));
            }
        }
        return zipNames;
    }

    private static void copy(Part file, Path to) throws IOException {
        file.write(to.toAbsolutePath().toString());
    }

    /** A loose file's name, without any folder part a browser or client may send. */
    private String safeName(String filename) {
        String name = filename == null ? "" : filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        if (name.isBlank() || name.equals("..") || name.equals(".")
                || name.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw ApiError.invalidUpload("an uploaded file has no usable name ('"
                    + String.valueOf(filename).replaceAll("\\p{Cntrl}", "?") + "')").says("upload.file_no_name");
        }
        int bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > limits.maxEntryNameBytes()) {
            throw ApiError.invalidUpload("the uploaded file '" + name + "' has a name of " + bytes
                    + " bytes; at most " + limits.maxEntryNameBytes() + " are accepted")
                    .says("upload.file_name_too_long", "entry", name, "n", bytes, "max", limits.maxEntryNameBytes());
        }
        return name;
    }

    private static String uploadName(List<Part> files) {
        return files.size() == 1 ? files.get(0).getSubmittedFileName()
                : files.stream().map(Part::getSubmittedFileName).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static Optional<String> param(Context ctx, String name) {
        String value = Params.text(name, ctx.formParam(name));
        if (value == null) {
            value = ctx.queryParam(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** {@code mapping={"layers": {"GX_2024": "pipes"}, "fields": {"pipes": {"start_no": "QD"}}}}. */
    private JsonNode mapping(Context ctx) {
        Optional<String> text = param(ctx, "mapping");
        if (text.isEmpty()) {
            return JSON.createObjectNode();
        }
        return Requests.json("mapping", text.get());
    }

    private static Map<String, LayerKind> layerMapping(JsonNode mapping) {
        Map<String, LayerKind> layers = new HashMap<>();
        mapping.path("layers").fields().forEachRemaining(e -> layers.put(e.getKey(), kind(e.getValue().asText())));
        return layers;
    }

    private static Map<LayerKind, Map<String, String>> fieldMapping(JsonNode mapping) {
        Map<LayerKind, Map<String, String>> fields = new EnumMap<>(LayerKind.class);
        mapping.path("fields").fields().forEachRemaining(e -> {
            Map<String, String> map = new HashMap<>();
            e.getValue().fields().forEachRemaining(f -> map.put(f.getKey(), f.getValue().asText()));
            fields.put(kind(e.getKey()), map);
        });
        return fields;
    }

    private static LayerKind kind(String id) {
        return LayerKind.byId(id).orElseThrow(() -> ApiError.badParameter("mapping names layer '" + id
                + "'; the layers are " + java.util.Arrays.stream(LayerKind.values()).map(LayerKind::id).toList())
                .says("mapping.unknown_layer", "layer", id, "kinds", java.util.Arrays.stream(LayerKind.values()).map(LayerKind::id).toList()));
    }

    /** {@code GET /api/surveys?compound=CODE[&status=staged|committed|discarded]}: a compound's uploads, newest first. */
    public void list(Context ctx) throws SQLException, IOException {
        String compound = CompoundCode.queryParam(ctx);
        Optional<String> status = Optional.ofNullable(ctx.queryParam("status")).filter(s -> !s.isBlank());
        if (status.isPresent() && !List.of("staged", "committed", "discarded").contains(status.get())) {
            throw ApiError.badParameter("status=" + status.get() + " is not one of staged, committed, discarded");
        }
        json(ctx, 200, Map.of("compound", compound, "surveys", store.list(compound, status)));
    }

    public void report(Context ctx) throws SQLException, IOException {
        json(ctx, 200, store.report(surveyId(ctx)));
    }

    public void diff(Context ctx) throws SQLException, IOException {
        json(ctx, 200, store.diff(surveyId(ctx)));
    }

    /**
     * {@code POST /api/surveys/{id}/commit[?accept=FAR_FROM_COMPOUND,...&reason=...]}: accept and reason also as form
     * fields or in a JSON body ({@code {"accept": "FAR_FROM_COMPOUND" or [...], "reason": "..."}}).
     */
    public void commit(Context ctx) throws SQLException, IOException {
        long id = surveyId(ctx);
        Acceptance acceptance = acceptance(ctx);
        store.commit(id, acceptance, CurrentUser.required(ctx), Actor.of(ctx));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("survey_id", id);
        answer.put("status", "committed");
        if (!acceptance.codes().isEmpty()) {
            answer.put("accepted", acceptance.codes());
            answer.put("reason", acceptance.reason());
        }
        json(ctx, 200, answer);
    }

    private static final Pattern FINDING_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /** accept= and reason= of a commit, checked: codes are finding codes, a reason is given and printable. */
    private static Acceptance acceptance(Context ctx) {
        JsonNode body = isJson(ctx) && !ctx.body().isBlank() ? Requests.jsonBody(ctx) : JSON.createObjectNode();
        String accept = commitParameter(ctx, body, "accept");
        String reason = commitParameter(ctx, body, "reason");
        if (accept == null || accept.isBlank()) {
            return Acceptance.NONE;
        }
        for (String code : accept.split(",")) {
            if (!code.isBlank() && !FINDING_CODE.matcher(code.strip()).matches()) {
                throw ApiError.badParameter("accept=" + printable(code) + " is not a finding code; name the codes of the "
                        + "survey's blocking findings, comma-separated (accept=FAR_FROM_COMPOUND,XY_SWAPPED)")
                        .says("accept.unknown_code", "code", printable(code));
            }
        }
        if (reason == null || reason.isBlank()) {
            throw ApiError.badParameter("accept=" + accept.strip() + " needs a reason (reason=...): why the data is right "
                    + "although it was found so; the reason is recorded with the survey").says("accept.needs_reason");
        }
        int max = FindingRules.get().acceptanceReasonMaxChars();
        if (reason.length() > max) {
            throw ApiError.badParameter("reason is " + reason.length() + " characters long; at most " + max + " are kept")
                    .says("accept.reason_too_long", "n", reason.length(), "max", max);
        }
        if (reason.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\t' && ch != '\r')) {
            throw ApiError.badParameter("reason holds a control character (such as NUL); send plain text")
                    .says("accept.reason_control_character");
        }
        return Acceptance.of(accept, reason.strip());
    }

    private static String commitParameter(Context ctx, JsonNode body, String name) {
        JsonNode field = body.get(name);
        if (field != null && !field.isNull()) {
            if (field.isArray()) {
                List<String> items = new ArrayList<>();
                field.forEach(item -> items.add(item.asText()));
                return String.join(",", items);
            }
            if (!field.isValueNode()) {
                throw ApiError.badParameter(name + " must be text" + ("accept".equals(name) ? " or an array of finding codes" : ""));
            }
            return field.asText();
        }
        String query = ctx.queryParam(name);
        if (query != null) {
            return query;
        }
        return isJson(ctx) ? null : ctx.formParam(name);
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    private static String printable(String text) {
        String shown = text.strip().chars().mapToObj(ch -> Character.isISOControl(ch) ? String.format("\\u%04x", ch)
                : String.valueOf((char) ch)).collect(Collectors.joining());
        return shown.length() > 80 ? shown.substring(0, 80) + "…" : shown;
    }

    public void discard(Context ctx) throws SQLException, IOException {
        long id = surveyId(ctx);
        store.discard(id, CurrentUser.required(ctx), Actor.of(ctx));
        json(ctx, 200, Map.of("survey_id", id, "status", "discarded"));
    }

    /**
     * Registers a local grid by its four parameters ({@code {"name", "target_epsg", "parameters": {"shift_x_northing_m",
     * "shift_y_easting_m", "rotation_arcsec_clockwise", "scale_ppm"}}}) or by control points ({@code "control_points":
     * [{"name", "local": [x_northing, y_easting], "target": [x_northing, y_easting]}]}), with the fit's residuals.
     */
    public void registerLocalGrid(Context ctx) throws SQLException, IOException {
        JsonNode body = Requests.jsonBody(ctx);
        String name = body.path("name").asText("");
        int target = body.path("target_epsg").asInt(0);
        try {
            if (body.has("control_points")) {
                LocalGridFit fit = LocalGrid.fit(controlPoints(body.get("control_points")));
                LocalGrid grid = fit.asGrid(name, target);
                LocalGrids.save(dataSource, grid, JSON.writeValueAsString(fit), Actor.of(ctx));
                json(ctx, 201, Map.of("name", name, "target_epsg", target, "fit", fit));
            } else {
                JsonNode p = body.path("parameters");
                LocalGrid grid = LocalGrid.fromSurveyorsParameters(name, target,
                        Params.jsonNumber("parameters.shift_x_northing_m", p.get("shift_x_northing_m")),
                        Params.jsonNumber("parameters.shift_y_easting_m", p.get("shift_y_easting_m")),
                        Params.jsonNumber("parameters.rotation_arcsec_clockwise", p.get("rotation_arcsec_clockwise")),
                        Params.jsonNumber("parameters.scale_ppm", p.get("scale_ppm")));
                LocalGrids.save(dataSource, grid, null, Actor.of(ctx));
                json(ctx, 201, Map.of("name", name, "target_epsg", target));
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter(e.getMessage());
        }
    }

    private static List<ControlPoint> controlPoints(JsonNode array) {
        List<ControlPoint> points = new ArrayList<>();
        for (JsonNode p : array) {
            JsonNode local = p.path("local");
            JsonNode target = p.path("target");
            String where = "control_points[" + points.size() + "]";
            // Survey order: X = northing first, Y = easting second.
            points.add(new ControlPoint(p.path("name").asText("P" + (points.size() + 1)),
                    Params.jsonNumber(where + ".local[1]", local.get(1)), Params.jsonNumber(where + ".local[0]", local.get(0)),
                    Params.jsonNumber(where + ".target[1]", target.get(1)), Params.jsonNumber(where + ".target[0]", target.get(0))));
        }
        return points;
    }

    private static long surveyId(Context ctx) {
        return Requests.pathId(ctx, "surveyId", "survey");
    }

    /** Answers in the report's snake_case ({@code survey_id}, {@code target_epsg}), through the one response helper. */
    private static void json(Context ctx, int status, Object body) {
        Responses.json(ctx, status, JSON.valueToTree(body));
    }

}
