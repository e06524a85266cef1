package cn.compoundgis.tracing;

/** A point on a trace. */
record TracedPoint(long id, String pointNo, String network, String feature, String appurtenance, Double ground,
                   Double wellDepth, String coverLabel, String geojson) {

    String kind() {
        return feature != null ? feature : appurtenance;
    }
}
