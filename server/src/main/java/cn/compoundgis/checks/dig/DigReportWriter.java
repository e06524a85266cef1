package cn.compoundgis.checks.dig;

import cn.compoundgis.geo.GeoJson;
import cn.compoundgis.checks.Pipe;
import cn.compoundgis.geo.Coverage;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

/**
 * The dig report as GeoJSON: every pipe and pipe point in the area, sorted by depth, each with its depth range
 * inside the area and whether it will be exposed; the area, the date and how long the report holds at the top.
 * The web's printable report and its GeoJSON download are this document.
 */
final class DigReportWriter {

    /** The registered contacts of the owners named (owners/OwnerStore#contacts). */
    interface OwnerContacts {
        java.util.Map<String, cn.compoundgis.owners.OwnerContact> of(List<String> names) throws java.sql.SQLException;
    }

    /** How many of the answer's items each owner (权属单位) has, in the order they first appear (the shallowest first). */
    private static java.util.Map<String, Integer> itemsByOwner(ObjectNode answer) {
        java.util.Map<String, Integer> items = new java.util.LinkedHashMap<>();
        answer.path("features").forEach(f -> {
            String owner = f.path("properties").path("owner").asText("");
            if (!owner.isBlank()) {
                items.merge(owner, 1, Integer::sum);
            }
        });
        return items;
    }

    /**
     * The answer's {@code owners}: each owner of its items, how many items are theirs and, where the register has
     * them (owners/OwnerStore), whom to call; {@code registered} false where it has none.
     */
    void owners(ObjectNode answer, OwnerContacts register) throws java.sql.SQLException {
        java.util.Map<String, Integer> items = itemsByOwner(answer);
        java.util.Map<String, cn.compoundgis.owners.OwnerContact> contacts = register.of(List.copyOf(items.keySet()));
        ArrayNode out = answer.putArray("owners");
        items.forEach((name, count) -> {
            ObjectNode o = out.addObject().put("name", name).put("items", count);
            cn.compoundgis.owners.OwnerContact contact = contacts.get(name);
            o.put("registered", contact != null);
            o.put("phone", contact == null ? null : contact.phone());
            o.put("emergency_phone", contact == null ? null : contact.emergencyPhone());
            o.put("address", contact == null ? null : contact.address());
        });
    }

    ObjectNode report(DigArea area, DigRequest request, List<DigItem> items, Coverage coverage, DigRules rules,
                      String crsUri, OffsetDateTime now) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("type", "FeatureCollection");
        root.put("crs_uri", crsUri);
        request.axes().writeTo(root);
        coverage.writeTo(root, "the dig area");
        OffsetDateTime created = now.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        root.put("created", created.toString());
        root.put("valid_until", created.plusDays(rules.reportValidDays()).toString());
        root.put("valid_days", rules.reportValidDays());
        if (request.digDepthM() != null) {
            root.put("dig_depth_m", round(request.digDepthM()));
        } else {
            root.putNull("dig_depth_m");
        }
        ObjectNode a = root.putObject("area");
        a.put("kind", request.trench() ? "trench" : "pit");
        if (request.trench()) {
            a.put("trench_width_m", round(request.widthM()));
        }
        a.put("area_m2", round(area.areaM2()));
        a.putArray("extent_m").add(round(area.widthM())).add(round(area.heightM()));
        a.set("geometry", GeoJson.parse(area.geoJson()));
        ArrayNode features = root.putArray("features");
        int order = 0;
        for (DigItem item : items) {
            features.add(feature(item, ++order));
        }
        root.put("numberReturned", items.size());
        ObjectNode summary = root.putObject("summary");
        summary.put("pipes", items.stream().filter(i -> i.pipe() != null).count());
        summary.put("pipe_points", items.stream().filter(i -> i.point() != null).count());
        summary.put("will_be_exposed", items.stream().filter(i -> DigEvaluator.WILL.equals(i.exposure())).count());
        summary.put("may_be_exposed", items.stream().filter(i -> DigEvaluator.MAY.equals(i.exposure())).count());
        ArrayNode networks = summary.putArray("networks");
        new TreeSet<>(items.stream().map(i -> i.pipe() != null ? i.pipe().network() : i.point().network()).toList())
                .forEach(networks::add);
        ObjectNode about = root.putObject("rules");
        about.put("max_extent_m", rules.maxExtentM());
        about.put("max_extent_clause", rules.maxExtentClause());
        about.put("uncertainty", "each pipe and point is looked for within its survey uncertainty (CJJ 61: ±0.05·h in"
                + " plan, ±0.075·h in depth for hidden points) plus half its outer size");
        return root;
    }

    private ObjectNode feature(DigItem item, int order) {
        ObjectNode feature = Json.MAPPER.createObjectNode();
        feature.put("type", "Feature");
        feature.put("id", (item.pipe() != null ? "pipe." + item.pipe().id() : "pipe-point." + item.point().id()));
        feature.set("geometry", GeoJson.parse(item.geometryJson()));
        ObjectNode p = feature.putObject("properties");
        p.put("order", order);
        p.put("kind", item.kind());
        if (item.pipe() != null) {
            pipe(p, item.pipe());
        } else {
            point(p, item.point());
        }
        p.put("surveyed_on", item.surveyedOn());
        if (item.surveyId() != null) {
            p.put("survey_id", item.surveyId());
        }
        p.put("plan_uncertainty_m", round(item.planUncertaintyM()));
        p.put("depth_uncertainty_m", round(item.depthUncertaintyM()));
        putMetres(p, "outer_size_m", item.outerSizeM());
        putMetres(p, "depth_top_min_m", item.topMinM());
        putMetres(p, "depth_top_max_m", item.topMaxM());
        putMetres(p, "depth_bottom_max_m", item.bottomMaxM());
        p.put("exposure", item.exposure());
        p.put("will_be_exposed", DigEvaluator.WILL.equals(item.exposure()));
        return feature;
    }

    private static void pipe(ObjectNode p, Pipe pipe) {
        p.put("id", pipe.id());
        p.put("compound", pipe.compound());
        p.put("network", pipe.network());
        p.put("source_id", pipe.sourceId());
        p.put("start_no", pipe.startNo());
        p.put("end_no", pipe.endNo());
        p.put("size", pipe.sizeLabel());
        p.put("material", pipe.material());
        p.put("owner", pipe.owner());
        p.put("depth_reference", pipe.depthReference());
        p.put("pressure_class", pipe.pressureClass());
        p.put("burial_method", pipe.burialMethod());
        p.put("accuracy_class", pipe.accuracyClass());
    }

    private static void point(ObjectNode p, DigItem.PointRow point) {
        p.put("id", point.id());
        p.put("compound", point.compound());
        p.put("network", point.network());
        p.put("point_no", point.pointNo());
        p.put("feature", point.feature());
        p.put("appurtenance", point.appurtenance());
        putMetres(p, "well_depth_m", point.wellDepthM());
        putMetres(p, "ground_elevation_m", point.groundElevationM());
        p.put("accuracy_class", point.accuracyClass());
    }

    private static void putMetres(ObjectNode p, String name, Double value) {
        if (value == null) {
            p.putNull(name);
        } else {
            p.put(name, round(value));
        }
    }

    private static double round(double v) {
        return BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }

}
