package cn.compoundgis.checks.network;

import java.util.LinkedHashMap;
import java.util.Map;

/** A drainage pipe as the checks see it: its attributes and, per end, what PostGIS found there. */
record DrainPipe(long id, String network, String startNo, String endNo, String sizeText, Integer dnMm,
                 Integer heightMm, String material, Double startDepth, Double endDepth, Double startElevation,
                 Double endElevation, String flowDirection, String sourceFile, Integer recordNo, double length,
                 End start, End end, String geojson) {

    /** One end of a pipe: the point its number names (if any), the plan distance to it, its surroundings. */
    record End(Long pointId, Double gapM, boolean outsideCompound, boolean underCarriageway, String geojson) {
    }

    End end(boolean atStart) {
        return atStart ? start : end;
    }

    String pointNo(boolean atStart) {
        return atStart ? startNo : endNo;
    }

    Double depth(boolean atStart) {
        return atStart ? startDepth : endDepth;
    }

    Double elevation(boolean atStart) {
        return atStart ? startElevation : endElevation;
    }

    /** The inner height that sets the pipe top above the invert: the diameter, or a box culvert's height. */
    Integer innerHeightMm() {
        return dnMm != null ? dnMm : heightMm;
    }

    boolean recordedReverse() {
        return "reverse".equals(flowDirection);
    }

    /** How the findings name a pipe: id, numbers as surveyed, and where a staged row came from. */
    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("network", network);
        out.put("start_no", startNo);
        out.put("end_no", endNo);
        out.put("size", sizeText);
        out.put("material", material);
        if (sourceFile != null) {
            out.put("source_file", sourceFile);
            out.put("record_no", recordNo);
        }
        return out;
    }
}
