package cn.compoundgis.survey.stage;

import cn.compoundgis.http.Message;
import cn.compoundgis.survey.recognize.LayerKind;
import cn.compoundgis.survey.recognize.PipeSize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;

/**
 * Turns records into staging rows, one mapper per layer kind: canonical fields (in either dialect) become
 * columns; values are checked and normalised (sizes, network codes, the invert/top depth convention);
 * attributes with no column are kept in {@code extra}.
 */
final class FeatureMappers {
    /** Columns every staging row has besides its own. */
    static final List<String> PROVENANCE = List.of("source_id", "survey_id", "extra", "source_file", "record_no");
    /** Required clear width of a fire lane when the data gives none: GB 50016-2014 (2018) 7.1.8. */
    static final double DEFAULT_FIRE_LANE_WIDTH_M = 4.0;

    private FeatureMappers() {
    }

    static List<String> columns(LayerKind kind) {
        List<String> own = switch (kind) {
            case COMPOUNDS -> List.of("code", "name", "district", "built_year", "households", "site_area_m2", "street",
                    "community", "address", "residents", "building_count", "floor_area_m2");
            case BUILDINGS -> List.of("compound_code", "name", "floors", "has_elevator", "structure", "built_year");
            case PIPES -> List.of("compound_code", "network", "subtype", "start_no", "end_no", "size_text", "dn_mm",
                    "width_mm", "height_mm", "material", "start_depth_m", "end_depth_m", "start_elevation_m",
                    "end_elevation_m", "depth_reference", "burial_method", "pressure_class", "voltage_kv",
                    "cable_count", "flow_direction", "owner", "build_year", "road", "status");
            case PIPE_POINTS -> List.of("compound_code", "point_no", "network", "feature", "appurtenance",
                    "ground_elevation_m", "well_depth_m", "cover_label", "accuracy_class");
            case FIRE_LANES -> List.of("compound_code", "name", "required_width_m", "carriageway_width_m");
            case PARKING -> List.of("compound_code", "stall_no", "kind");
            case OBSTACLES -> List.of("compound_code", "kind", "note", "observed_on", "status");
        };
        List<String> all = new java.util.ArrayList<>(own);
        all.addAll(PROVENANCE);
        return all;
    }

    static Optional<StagedFeature> map(LayerKind kind, RecordReader r, Geometry g, LayerContext ctx) {
        Map<String, Object> row = new LinkedHashMap<>();
        String sourceId = switch (kind) {
            case COMPOUNDS -> compound(r, ctx, row);
            case BUILDINGS -> building(r, ctx, row);
            case PIPES -> pipe(r, ctx, row);
            case PIPE_POINTS -> point(r, ctx, row);
            case FIRE_LANES -> fireLane(r, ctx, row);
            case PARKING -> parking(r, ctx, row);
            case OBSTACLES -> obstacle(r, ctx, row);
        };
        ColumnCapacity.check(row, r);
        if (r.failed()) {
            return Optional.empty();
        }
        row.put("source_id", sourceId != null ? sourceId : "record " + r.number());
        row.put("survey_id", ctx.surveyId());
        Map<String, Object> extra = r.unmapped();
        if (row.remove("extra") instanceof Map<?, ?> recognised) {
            recognised.forEach((k, v) -> extra.put((String) k, v));
        }
        row.put("extra", extra);
        row.put("source_file", ctx.sourceFile());
        row.put("record_no", r.number());
        return Optional.of(new StagedFeature(row, g));
    }

    private static String compound(RecordReader r, LayerContext ctx, Map<String, Object> row) {
        Optional<String> delivered = r.text("code");
        if (delivered.isEmpty() && !ctx.compoundGiven()) {
            r.required("code", "whose boundary the record is cannot be told: give its 小区编码 (XQBM), or compound= with the upload",
                    "boundary_code", Map.of());
        }
        delivered.filter(c -> !c.equals(ctx.compoundCode())).ifPresent(c -> r.warn("code", "other_compound_code",
                otherCompoundReason(c, ctx.compoundCode()), Message.params("delivered", c, "given", ctx.compoundCode())));
        if (ctx.compoundNew()) {
            String problem = ctx.rules().compoundCodeProblem(ctx.compoundCode());
            if (problem != null && delivered.isPresent()) {
                r.error("code", "invalid_code", problem, Message.params("compound", ctx.compoundCode()));
            } else if (problem != null) {
                r.errorRecord("invalid_code", "the new compound's code '" + ctx.compoundCode() + "' is refused: " + problem,
                        Message.params("compound", ctx.compoundCode()));
            }
            r.required("name", "compound " + ctx.compoundCode() + " is new, and a new compound needs its 小区名称 (XQMC)",
                    "new_compound_name", Message.params("compound", ctx.compoundCode()));
        }
        row.put("code", ctx.compoundCode());
        row.put("name", r.text("name").orElse(null));
        row.put("district", r.text("district").orElse(null));
        row.put("built_year", r.year("built_year").orElse(null));
        row.put("households", r.whole("households").orElse(null));
        row.put("site_area_m2", r.number("site_area").filter(a -> positive(r, "site_area", a)).orElse(null));
        row.put("street", r.text("street").orElse(null));
        row.put("community", r.text("community").orElse(null));
        row.put("address", r.text("address").orElse(null));
        row.put("residents", r.whole("residents").filter(n -> notNegative(r, "residents", n)).orElse(null));
        row.put("building_count", r.whole("buildings").filter(n -> positive(r, "buildings", n)).orElse(null));
        row.put("floor_area_m2", r.number("floor_area").filter(a -> positive(r, "floor_area", a)).orElse(null));
        return ctx.compoundCode();
    }

    /**
     * A boundary of compound {@code delivered} in an upload for {@code given}: the wrong file, the wrong compound chosen,
     * or (most often) a new compound uploaded while another was open on the map. Says how to send it as its own.
     */
    private static String otherCompoundReason(String delivered, String given) {
        return "names compound " + delivered + ", not " + given + " given with compound=. If the delivery is " + delivered
                + "'s (a new compound, or a re-survey of " + delivered + "), discard this upload and send it again without "
                + "compound= (on the map: tick 按边界图层的小区编码 / codes from the boundary layer in the upload card), so "
                + "that the boundary layer's code decides; accepted, the boundary and the data are committed as " + given + "'s";
    }

    private static String building(RecordReader r, LayerContext ctx, Map<String, Object> row) {
        row.put("compound_code", ctx.compoundCode());
        Optional<String> name = r.text("name");
        row.put("name", name.orElse(null));
        row.put("floors", r.whole("floors").filter(f -> positive(r, "floors", f)).orElse(null));
        row.put("has_elevator", r.yesNo("has_elevator").orElse(null));
        row.put("structure", r.text("structure").orElse(null));
        row.put("built_year", r.year("built_year").orElse(null));
        return r.text("id").or(() -> name).orElse(null);
    }

    private static String pipe(RecordReader r, LayerContext ctx, Map<String, Object> row) {
        row.put("compound_code", ctx.compoundCode());
        Optional<String> start = r.text("start_no");
        Optional<String> end = r.text("end_no");
        String network = pipeNetwork(r, ctx, start.or(() -> end));
        row.put("network", network);
        row.put("subtype", r.text("network").flatMap(ctx.codes()::subtype).orElse(null));
        row.put("start_no", start.orElse(null));
        row.put("end_no", end.orElse(null));
        putSize(r, row);
        row.put("material", r.text("material").orElse(null));
        row.put("start_depth_m", r.number("start_depth").orElse(null));
        row.put("end_depth_m", r.number("end_depth").orElse(null));
        row.put("start_elevation_m", r.number("start_elevation").orElse(null));
        row.put("end_elevation_m", r.number("end_elevation").orElse(null));
        row.put("depth_reference", network == null ? null : ctx.codes().depthReference(network));
        row.put("burial_method", r.text("burial_method").orElse(null));
        row.put("pressure_class", coded(r, "pressure", ctx.codes()::pressureClass));
        row.put("voltage_kv", r.number("voltage").orElse(null));
        row.put("cable_count", r.whole("cable_count").orElse(null));
        row.put("flow_direction", coded(r, "flow_direction", ctx.codes()::flowDirection));
        row.put("owner", r.text("owner").orElse(null));
        row.put("build_year", r.year("build_year").orElse(null));
        row.put("road", r.text("road").orElse(null));
        row.put("status", coded(r, "status", ctx.codes()::pipeStatus)); // empty: kept or defaulted on commit
        if (start.isPresent() && end.isPresent()) {
            if (start.get().equals(end.get())) {
                r.error("end_no", "start_equals_end", "is the same point as the start: a pipe needs two ends");
            }
            return start.get() + "-" + end.get();
        }
        return r.text("id").orElse(null);
    }

    /** Network from the type field (code, sub-type or Chinese name), else the file name, else the point numbers. */
    private static String pipeNetwork(RecordReader r, LayerContext ctx, Optional<String> pointNo) {
        Optional<String> field = r.text("network");
        Optional<String> byField = field.flatMap(ctx.codes()::network);
        Optional<String> network = byField.or(ctx::networkHint).or(() -> pointNo.flatMap(ctx.codes()::networkOfNumber));
        if (network.isEmpty()) {
            String whyKey = field.isPresent() && ctx.codes().isDrainageMain(field.get()) ? "drainage_only"
                    : field.isPresent() ? "not_a_network" : "no_field";
            String why = switch (whyKey) {
                case "drainage_only" -> "says drainage (PS) but not whether rain (YS) or sewage (WS), and neither the file name nor the point numbers tell";
                case "not_a_network" -> "is not a CJJ 61 network code or name";
                default -> "is missing, and neither the file name nor the point numbers tell the network";
            };
            r.error("network", "unknown_network", why, Message.params("why", whyKey));
            return null;
        }
        if (field.isPresent() && byField.isEmpty() && !ctx.codes().isDrainageMain(field.get())) {
            r.warn("network", "unknown_network_value", "is not a CJJ 61 network; " + network.get() + " was taken from the file name or point numbers",
                    Message.params("network", network.get()));
        }
        return network.get();
    }

    private static void putSize(RecordReader r, Map<String, Object> row) {
        Optional<String> text = r.text("size");
        Optional<PipeSize> size = text.flatMap(PipeSize::parse);
        if (text.isPresent() && size.isEmpty()) {
            r.warn("size", "unreadable_size", "is not a size this server reads (DN400, Φ400, 400×300); kept as text only");
        }
        row.put("size_text", size.map(PipeSize::display).or(() -> text).orElse(null));
        row.put("dn_mm", size.map(PipeSize::diameterMm).orElse(null));
        row.put("width_mm", size.map(PipeSize::widthMm).orElse(null));
        row.put("height_mm", size.map(PipeSize::heightMm).orElse(null));
    }

    private static String point(RecordReader r, LayerContext ctx, Map<String, Object> row) {
        row.put("compound_code", ctx.compoundCode());
        Optional<String> pointNo = r.required("point_no");
        row.put("point_no", pointNo.orElse(null));
        Optional<String> field = r.text("network");
        Optional<String> network = field.flatMap(ctx.codes()::network).or(ctx::networkHint)
                .or(() -> pointNo.flatMap(ctx.codes()::networkOfNumber));
        if (network.isEmpty()) {
            r.error("network", "unknown_network", "does not tell the network, and neither do the file name or the point number",
                    Message.params("why", "point"));
        }
        row.put("network", network.orElse(null));
        Optional<String> feature = r.text("feature");
        Optional<String> appurtenance = r.text("appurtenance");
        if (feature.isPresent() == appurtenance.isPresent()) {
            r.error(feature.isPresent() ? "appurtenance" : "feature", "feature_xor_appurtenance",
                    feature.isPresent() ? "is given together with a feature (特征); CJJ 61 records exactly one of the two"
                            : "and the feature (特征) are both empty; CJJ 61 records exactly one of the two",
                    Message.params("both", feature.isPresent()));
        }
        row.put("feature", feature.orElse(null));
        row.put("appurtenance", appurtenance.orElse(null));
        Optional<Double> ground = r.number("ground_elevation");
        row.put("ground_elevation_m", ground.orElse(null));
        Optional<Double> depth = r.number("well_depth");
        Optional<Double> bottom = r.number("well_bottom_elevation");
        row.put("well_depth_m", depth.or(() -> ground.flatMap(gr -> bottom.map(b -> gr - b))).orElse(null));
        row.put("cover_label", coded(r, "cover_label", ctx.codes()::coverLabel));
        row.put("accuracy_class", coded(r, "accuracy", ctx.codes()::accuracyClass)); // empty: kept or defaulted on commit
        return pointNo.orElse(null);
    }

    private static String fireLane(RecordReader r, LayerContext ctx, Map<String, Object> row) {
        row.put("compound_code", ctx.compoundCode());
        Optional<String> name = r.text("name");
        row.put("name", name.orElse(null));
        row.put("required_width_m", r.number("required_width").filter(w -> positive(r, "required_width", w))
                .orElse(DEFAULT_FIRE_LANE_WIDTH_M));
        row.put("carriageway_width_m", r.number("carriageway_width").filter(w -> positive(r, "carriageway_width", w)).orElse(null));
        return r.text("id").or(() -> name).orElse(null);
    }

    private static String parking(RecordReader r, LayerContext ctx, Map<String, Object> row) {
        row.put("compound_code", ctx.compoundCode());
        Optional<String> stallNo = r.text("stall_no");
        row.put("stall_no", stallNo.orElse(null));
        row.put("kind", coded(r, "kind", ctx.codes()::parkingKind)); // empty: kept or defaulted on commit
        return stallNo.orElse(null);
    }

    private static String obstacle(RecordReader r, LayerContext ctx, Map<String, Object> row) {
        row.put("compound_code", ctx.compoundCode());
        row.put("kind", Optional.ofNullable(coded(r, "kind", ctx.codes()::obstacleKind)).orElse("other"));
        row.put("note", r.text("note").orElse(null));
        row.put("observed_on", r.date("observed_on").orElse(null));
        // empty: kept or defaulted on commit
        row.put("status", r.text("status").map(s -> s.contains("已") || s.equalsIgnoreCase("resolved") ? "resolved" : "open").orElse(null));
        return r.text("id").orElse(null);
    }

    /** A coded value through its table; a value the table does not know is a warning and stays empty. */
    private static String coded(RecordReader r, String canonical, java.util.function.Function<String, Optional<String>> table) {
        Optional<String> text = r.text(canonical);
        if (text.isEmpty()) {
            return null;
        }
        Optional<String> code = table.apply(text.get());
        if (code.isEmpty()) {
            r.warn(canonical, "unknown_code", "is not a known value; left empty (the record is kept)");
        }
        return code.orElse(null);
    }

    private static boolean notNegative(RecordReader r, String canonical, Number n) {
        if (n.doubleValue() < 0) {
            r.error(canonical, "negative", "must not be negative");
            return false;
        }
        return true;
    }

    private static boolean positive(RecordReader r, String canonical, Number n) {
        if (n.doubleValue() <= 0) {
            r.error(canonical, "not_positive", "must be greater than zero");
            return false;
        }
        return true;
    }
}
