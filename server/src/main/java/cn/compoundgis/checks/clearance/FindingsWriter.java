package cn.compoundgis.checks.clearance;

import cn.compoundgis.geo.GeoJson;
import cn.compoundgis.checks.CheckLimits;
import cn.compoundgis.checks.Pipe;
import cn.compoundgis.checks.PipeDimensions;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The answer of the clearance check, written as it is produced: a GeoJSON FeatureCollection of findings, then
 * a summary and the rules' source. Only one finding is held in memory at a time.
 */
final class FindingsWriter {
    private static final int MM_DECIMALS = 3;

    private final PipeDimensions dimensions;

    FindingsWriter(PipeDimensions dimensions) {
        this.dimensions = dimensions;
    }


    /** The members before the findings, and the opening of the features array. */
    void head(JsonGenerator out, String subject, String crsUri, ObjectNode about) throws IOException {
        out.writeStartObject();
        out.writeStringField("type", "FeatureCollection");
        out.writeStringField("subject", subject);
        out.writeStringField("crs_uri", crsUri);
        for (var member : (Iterable<java.util.Map.Entry<String, JsonNode>>) about::fields) {
            out.writeFieldName(member.getKey());
            out.writeTree(member.getValue());
        }
        out.writeArrayFieldStart("features");
    }

    /** One finding, the {@code id}-th of the answer. */
    void finding(JsonGenerator out, Finding f, int id) throws IOException {
        out.writeTree(feature(f, id));
    }

    /**
     * The members after the findings: counts of every pair examined and every finding matched (also those past the
     * list's limit), and the rules and limits that made the answer.
     */
    void tail(JsonGenerator out, FindingsTally tally, ClearanceRules rules, CheckLimits limits) throws IOException {
        out.writeEndArray();
        out.writeNumberField("numberReturned", tally.returned());
        out.writeNumberField("numberMatched", tally.matched());
        out.writeBooleanField("truncated", tally.truncated());
        ObjectNode summary = Json.MAPPER.createObjectNode();
        summary.put("findings", tally.matched());
        summary.put("pairs_examined", tally.pairs());
        summary.put("compliant_pairs", tally.count(ClearanceEvaluator.Outcome.COMPLIANT));
        summary.put("connected_pairs_skipped", tally.count(ClearanceEvaluator.Outcome.CONNECTED));
        summary.put("pairs_without_rule", tally.count(ClearanceEvaluator.Outcome.NO_RULE));
        summary.put("crossings_without_depth", tally.count(ClearanceEvaluator.Outcome.NO_DEPTH));
        ObjectNode byStatus = summary.putObject("by_status");
        for (String status : List.of(Finding.VIOLATION, Finding.NEEDS_APPROVAL, Finding.RULE_UNCONFIRMED, Finding.POSSIBLE_CONFLICT)) {
            byStatus.put(status, tally.withStatus(status));
        }
        out.writeFieldName("summary");
        out.writeTree(summary);
        ObjectNode about = Json.MAPPER.createObjectNode();
        about.put("source", rules.source());
        about.put("search_radius_m", round(rules.searchRadiusM()));
        about.put("wall_thickness", "assumed by material (pipe-dimensions.json, " + dimensions.status() + ")");
        ObjectNode bounds = about.putObject("limits");
        bounds.put("max_design_features", limits.clearanceMaxDesignFeatures());
        bounds.put("max_pairs", limits.clearanceMaxPairs());
        bounds.put("max_findings", limits.clearanceMaxFindings());
        bounds.put("time_limit_s", limits.statementTimeoutMs() / 1000.0);
        out.writeFieldName("rules");
        out.writeTree(about);
    }

    /** Ends an answer that could not be finished: what is listed stands, the error says why the rest is missing. */
    void incomplete(JsonGenerator out, FindingsTally tally, String code, String description) throws IOException {
        out.writeEndArray();
        out.writeNumberField("numberReturned", tally.returned());
        out.writeBooleanField("complete", false);
        out.writeObjectFieldStart("error");
        out.writeStringField("code", code);
        out.writeStringField("description", description);
        out.writeEndObject();
    }

    private ObjectNode feature(Finding f, int id) {
        ObjectNode feature = Json.MAPPER.createObjectNode();
        feature.put("type", "Feature");
        feature.put("id", id);
        feature.set("geometry", GeoJson.parse(f.pair().locationGeoJson()));
        ObjectNode p = feature.putObject("properties");
        p.put("kind", f.kind().code());
        p.put("status", f.status());
        p.put("severity", f.severity());
        p.put("certainty", f.certainty());
        p.put("possible_conflict", "possible".equals(f.certainty()));
        p.put("required_m", round(f.requiredM()));
        p.put("actual_m", round(f.actualM()));
        p.put("margin_m", round(f.marginM()));
        p.put("uncertainty_m", round(f.uncertaintyM()));
        p.put("label", "需 " + metres(f.requiredM()) + " m / 实 " + metres(f.actualM()) + " m");
        ClearanceRule rule = f.rule();
        p.put("rule_id", rule.id());
        p.put("rule_table", rule.table());
        p.put("clause", rule.clause());
        p.put("clause_zh", rule.clauseZh());
        p.put("clause_en", rule.clauseEn());
        p.put("rule_status", rule.status());
        p.put("rule_confirmed", rule.confirmed());
        if (rule.overriddenBy() != null) {
            p.put("rule_overridden_by", rule.overriddenBy());
        }
        if (rule.reducedMinM() != null && f.kind() == ClearanceRule.Kind.VERTICAL) {
            p.put("reduced_min_m", round(rule.reducedMinM()));
        }
        p.set("a", pipe(f.pair().a(), f.aLevelM()));
        p.set("b", pipe(f.pair().b(), f.bLevelM()));
        p.put("level_basis", f.kind() == ClearanceRule.Kind.VERTICAL ? f.levelBasis() : null);
        p.put("upper", f.upper());
        if (f.yields() != null) {
            p.put("yields", f.yields().pipe());
            p.put("yield_criterion", f.yields().criterion());
        } else {
            p.putNull("yields");
            p.putNull("yield_criterion");
        }
        ArrayNode assumptions = p.putArray("assumptions");
        f.assumptions().forEach(assumptions::add);
        return feature;
    }

    private ObjectNode pipe(Pipe pipe, Double level) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("origin", pipe.origin());
        o.put("id", pipe.id());
        o.put("source_id", pipe.sourceId());
        o.put("compound", pipe.compound());
        o.put("network", pipe.network());
        o.put("size", pipe.sizeLabel());
        if (dimensions.sizeKnown(pipe)) {
            o.put("outer_size_m", round(dimensions.outerWidthM(pipe)));
        } else {
            o.putNull("outer_size_m");
        }
        o.put("material", pipe.material());
        o.put("start_no", pipe.startNo());
        o.put("end_no", pipe.endNo());
        o.put("depth_reference", pipe.depthReference());
        o.put("pressure_class", pipe.pressureClass());
        o.put("burial_method", pipe.burialMethod());
        o.put("owner", pipe.owner());
        o.put("accuracy_class", pipe.accuracyClass());
        if (level != null) {
            o.put("level_at_location_m", round(level));
        }
        return o;
    }


    /** Millimetres are the most a survey or a design says. */
    static double round(double v) {
        return BigDecimal.valueOf(v).setScale(MM_DECIMALS, RoundingMode.HALF_UP).doubleValue();
    }

    /** Metres as a label shows them: two decimals, trailing zeros dropped after the first (1.2, 0.35). */
    static String metres(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
        String s = d.stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }
}
