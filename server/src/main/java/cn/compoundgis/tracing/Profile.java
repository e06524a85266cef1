package cn.compoundgis.tracing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The longitudinal profile of a path: per pipe its chainage and the inverts at both ends (depths of drainage
 * are to the invert), per station (point) its chainage and ground elevation.
 */
final class Profile {
    private Profile() {
    }

    static void write(ObjectNode body, List<TracedPipe> path, Map<String, TracedPoint> points) {
        ArrayNode pipes = body.putArray("path");
        ArrayNode stations = body.putArray("stations");
        double chainage = 0;
        for (int i = 0; i < path.size(); i++) {
            TracedPipe p = path.get(i);
            TracedPoint from = points.get(p.fromNo());
            TracedPoint to = points.get(p.toNo());
            if (i == 0) {
                station(stations, p.fromNo(), from, chainage, ground(p, true, from));
            }
            ObjectNode o = pipes.addObject();
            o.put("pipe_id", p.id());
            o.put("network", p.network());
            o.put("from_no", p.fromNo());
            o.put("to_no", p.toNo());
            o.put("size", p.sizeText());
            putNumber(o, "dn_mm", p.dnMm() == null ? null : p.dnMm().doubleValue());
            o.put("material", p.material());
            o.put("length_m", NetworkTraceApi.round(p.length()));
            o.put("start_chainage_m", NetworkTraceApi.round(chainage));
            chainage += p.length();
            o.put("end_chainage_m", NetworkTraceApi.round(chainage));
            putNumber(o, "upstream_invert_m", invert(p, true, from));
            putNumber(o, "downstream_invert_m", invert(p, false, to));
            station(stations, p.toNo(), to, chainage, ground(p, false, to));
        }
    }

    private static void station(ArrayNode stations, String pointNo, TracedPoint point, double chainage, Double ground) {
        ObjectNode s = stations.addObject();
        s.put("point_no", pointNo);
        s.put("chainage_m", NetworkTraceApi.round(chainage));
        putNumber(s, "ground_m", ground);
        s.put("kind", point == null ? null : point.kind());
    }

    private static Double invert(TracedPipe p, boolean upstream, TracedPoint point) {
        Double elevation = p.elevationAt(upstream);
        if (elevation != null) {
            return elevation;
        }
        Double depth = p.depthAt(upstream);
        return point != null && point.ground() != null && depth != null ? point.ground() - depth : null;
    }

    private static Double ground(TracedPipe p, boolean upstream, TracedPoint point) {
        if (point != null && point.ground() != null) {
            return point.ground();
        }
        Double elevation = p.elevationAt(upstream);
        Double depth = p.depthAt(upstream);
        return elevation != null && depth != null ? elevation + depth : null;
    }

    private static void putNumber(ObjectNode node, String field, Double value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, NetworkTraceApi.round(value));
        }
    }
}
