package cn.compoundgis.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The generated rows, table by table, with geometry as EPSG:4548 WKT and extra as JSON-ready maps. */
final class DemoRows {
    private DemoRows() {
    }

    /** A compound of the register; households, site area and wkt are null where the seed gives no such thing. */
    record CompoundRec(String code, String name, String district, Integer households, Double siteAreaM2,
                       int renovationYear, String renovationStatus, LocalDate startedOn, LocalDate completedOn,
                       Map<String, Object> extra, String wkt, List<ItemRec> items) {
    }

    /** A renovation item of the register (compound_item) with the seed's figure as the quantity done. */
    record ItemRec(String compoundCode, String item, double doneQuantity, String note, String source) {
    }

    record BuildingRec(String compoundCode, String name, int floors, boolean hasElevator, String structure,
                       int builtYear, Map<String, Object> extra, String sourceId, String wkt) {
    }

    record PointRec(String compoundCode, String pointNo, String network, String feature, String appurtenance,
                    Long groundMm, Long wellDepthMm, String coverLabel, boolean visible, Map<String, Object> extra,
                    String wkt) {
    }

    record PipeRec(String compoundCode, String network, String subtype, String startNo, String endNo,
                   String sizeText, Integer dnMm, Integer widthMm, Integer heightMm, String material,
                   long startDepthMm, long endDepthMm, long startElevationMm, long endElevationMm,
                   String depthReference, String burialMethod, String pressureClass, Double voltageKv,
                   Integer cableCount, String owner, int buildYear, String road, String wkt) {
        String sourceId() {
            return startNo + "-" + endNo;
        }
    }

    record FireLaneRec(String compoundCode, String name, double requiredWidthM, double carriagewayWidthM,
                       Map<String, Object> extra, String sourceId, String wkt) {
    }

    record StallRec(String compoundCode, String stallNo, String kind, Map<String, Object> extra, String wkt) {
    }

    record ObstacleRec(String compoundCode, String kind, String note, LocalDate observedOn, String status,
                       Map<String, Object> extra, String sourceId, String wkt) {
    }

    /** Everything generated for one compound. */
    record CompoundData(CompoundRec compound, List<BuildingRec> buildings, List<PointRec> points,
                        List<PipeRec> pipes, List<FireLaneRec> fireLanes, List<StallRec> stalls,
                        List<ObstacleRec> obstacles) {
    }
}
