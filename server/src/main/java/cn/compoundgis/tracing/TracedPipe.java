package cn.compoundgis.tracing;

/** A pipe reached by a trace, oriented the way it flows (from -> to). */
record TracedPipe(long id, String network, String startNo, String endNo, String sizeText, Integer dnMm,
                  String material, Double startDepth, Double endDepth, Double startElevation, Double endElevation,
                  boolean flowsFromStart, double length, String geojson) {

    String fromNo() {
        return flowsFromStart ? startNo : endNo;
    }

    String toNo() {
        return flowsFromStart ? endNo : startNo;
    }

    Double elevationAt(boolean upstream) {
        return upstream == flowsFromStart ? startElevation : endElevation;
    }

    Double depthAt(boolean upstream) {
        return upstream == flowsFromStart ? startDepth : endDepth;
    }
}
