package cn.compoundgis.checks.network;

import java.util.LinkedHashMap;
import java.util.Map;

/** A pipe point (manhole, grate, outfall, bend ...) as the checks see it. */
record DrainPoint(long id, String pointNo, String network, String feature, String appurtenance, Double ground,
                  Double wellDepth, String coverLabel, boolean visible, String sourceFile, Integer recordNo,
                  String geojson) {

    /** A chamber (manhole, grate, septic tank ...) is a point with an appurtenance; a bend or a reducer is not. */
    boolean chamber() {
        return appurtenance != null && !appurtenance.isBlank();
    }

    String kind() {
        return feature != null ? feature : appurtenance;
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("point_no", pointNo);
        out.put("network", network);
        out.put("kind", kind());
        if (coverLabel != null) {
            out.put("cover_label", coverLabel);
        }
        if (sourceFile != null) {
            out.put("source_file", sourceFile);
            out.put("record_no", recordNo);
        }
        return out;
    }
}
