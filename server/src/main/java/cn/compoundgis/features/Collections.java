package cn.compoundgis.features;

import static cn.compoundgis.features.Property.bool;
import static cn.compoundgis.features.Property.date;
import static cn.compoundgis.features.Property.integer;
import static cn.compoundgis.features.Property.number;
import static cn.compoundgis.features.Property.text;

import java.util.List;
import java.util.Optional;

/** The seven collections served under /collections, in the order they are listed. */
public final class Collections {
    private Collections() {
    }

    /**
     * The renovation items valid when the compound version began (items are versioned per compound code; every
     * register edit writes its items with the same valid_from as the compound version).
     */
    private static final String RENOVATION_ITEMS = "(SELECT json_object_agg(i.item, json_build_object('category', i.category,"
            + " 'unit', i.unit, 'planned_quantity', i.planned_quantity, 'done_quantity', i.done_quantity) ORDER BY i.item)"
            + " FROM compound_item i WHERE i.compound_code = f.code AND i.valid_from <= f.valid_from"
            + " AND (i.valid_to IS NULL OR i.valid_to > f.valid_from))";

    public static final List<FeatureCollection> ALL = List.of(
            new FeatureCollection("compounds", "Compounds 小区", "Old residential compounds and their boundaries",
                    "compound", "MultiPolygon", FeatureCollection.withProvenance(
                            new Property("compound", "f.code", "string", null, "compound code (unique)"),
                            List.of(text("name", "name 小区名称"),
                                    text("district", "district 区县 (or town)"),
                                    text("street", "sub-district 街道"),
                                    text("community", "community 社区"),
                                    text("address", "address 地址"),
                                    integer("built_year", "year built 建成年代"),
                                    integer("building_count", "buildings 楼栋数"),
                                    integer("storeys", "storeys of the highest building 最高层数"),
                                    integer("households", "households 户数"),
                                    integer("residents", "residents 人口"),
                                    number("site_area_m2", "site area 占地面积, m²"),
                                    number("floor_area_m2", "floor area 建筑面积, m²"),
                                    text("renovation_category", "renovation category: basic 基础类 | improvement 完善类 | upgrade 提升类"),
                                    integer("renovation_year", "renovation batch year 改造批次"),
                                    text("renovation_status", "planned | designed | tendered | in_construction | completed | accepted"),
                                    date("planned_on", "date planned 列入计划日期"),
                                    date("started_on", "construction start 开工日期"),
                                    date("completed_on", "completion 完工日期"),
                                    date("accepted_on", "acceptance 验收日期"),
                                    number("funding_central_10k_yuan", "central funding 中央资金, 万元 (10 000 yuan)"),
                                    number("funding_provincial_10k_yuan", "provincial funding 省级资金, 万元 (10 000 yuan)"),
                                    number("funding_local_10k_yuan", "local funding 地方资金, 万元 (10 000 yuan)"),
                                    number("funding_resident_10k_yuan", "residents' contribution 居民自筹, 万元 (10 000 yuan)"),
                                    bool("property_management", "has property management 物业管理"),
                                    bool("owners_committee", "has an owners' committee 业主委员会"),
                                    new Property("renovation_items", RENOVATION_ITEMS, "object", null,
                                            "renovation items of this version, by item code (rain_pipe_m, stalls_added ...):"
                                                    + " category, unit (m, m2, count), planned_quantity, done_quantity;"
                                                    + " codes and labels in GET /api/compound-codes")))),
            new FeatureCollection("buildings", "Buildings 建筑", "Building footprints",
                    "building", "MultiPolygon", FeatureCollection.withProvenance(FeatureCollection.compoundCode(),
                            List.of(text("name", "name or number 楼号"),
                                    integer("floors", "storeys 层数"),
                                    bool("has_elevator", "has a lift 电梯"),
                                    text("structure", "structure 结构 (砖混, 框架 ...)"),
                                    integer("built_year", "year built")))),
            new FeatureCollection("pipes", "Pipes 管线", "Pipe segments of every network (CJJ 61 codes)",
                    "pipe", "LineString", FeatureCollection.withProvenance(FeatureCollection.compoundCode(),
                            List.of(text("network", "CJJ 61 network: YS rain, WS sewage, HS combined, JS water, RQ gas, RL heat, DL power, TX telecom, GY industrial, QT other"),
                                    text("subtype", "CJJ 61 sub-type code (JP, TR, GD, XX ...)"),
                                    text("start_no", "start point number 起点点号"),
                                    text("end_no", "end point number 终点点号"),
                                    text("size_text", "size as surveyed 管径 (DN400, 400×300)"),
                                    integer("dn_mm", "nominal diameter, mm"),
                                    integer("width_mm", "duct or culvert width, mm"),
                                    integer("height_mm", "duct or culvert height, mm"),
                                    text("material", "material 材质"),
                                    number("start_depth_m", "depth at start 起点埋深, m, to depth_reference"),
                                    number("end_depth_m", "depth at end 终点埋深, m, to depth_reference"),
                                    number("start_elevation_m", "elevation at start 起点高程, m, of depth_reference"),
                                    number("end_elevation_m", "elevation at end 终点高程, m, of depth_reference"),
                                    text("depth_reference", "invert (inner bottom, gravity drainage) | top (pressure pipes, cables)"),
                                    text("burial_method", "burial method 埋设方式"),
                                    text("pressure_class", "gas pressure class: low, medium_b, medium_a, sub_high_b, sub_high_a, high_b, high_a"),
                                    number("voltage_kv", "voltage, kV"),
                                    integer("cable_count", "number of cables 电缆条数"),
                                    text("flow_direction", "recorded flow relative to start→end: forward | reverse"),
                                    text("owner", "owner 权属单位"),
                                    integer("build_year", "year built 建设年代"),
                                    text("road", "road 所在道路"),
                                    text("status", "existing | design | abandoned"))))
                    .withStoredCrs84GeoJson(),
            new FeatureCollection("pipe-points", "Pipe points 管点", "Manholes, valves and other pipe points",
                    "pipe_point", "Point", FeatureCollection.withProvenance(FeatureCollection.compoundCode(),
                            List.of(text("point_no", "point number 物探点号"),
                                    text("network", "CJJ 61 network code"),
                                    text("feature", "feature 特征 (三通, 弯头 ...), or null"),
                                    text("appurtenance", "appurtenance 附属物 (检修井, 阀门 ...), or null"),
                                    number("ground_elevation_m", "ground elevation 地面高程, m"),
                                    number("well_depth_m", "well depth 井深, m"),
                                    text("cover_label", "cover label 井盖标识 雨 | 污"),
                                    text("accuracy_class", "visible (measured in an open well) | hidden (found by instrument)"))))
                    .withStoredCrs84GeoJson(),
            new FeatureCollection("fire-lanes", "Fire lanes 消防通道", "Fire lane centrelines",
                    "fire_lane", "LineString", FeatureCollection.withProvenance(FeatureCollection.compoundCode(),
                            List.of(text("name", "name"),
                                    number("required_width_m", "required clear width, m (GB 50016 7.1.8: 4.0)"),
                                    number("carriageway_width_m", "carriageway width 路面宽度, m")))),
            new FeatureCollection("parking", "Parking stalls 停车位", "Parking stalls, existing and planned",
                    "parking_stall", "Polygon", FeatureCollection.withProvenance(FeatureCollection.compoundCode(),
                            List.of(text("stall_no", "stall number 车位编号"),
                                    text("kind", "standard | accessible | ev | planned")))),
            new FeatureCollection("obstacles", "Obstacles 障碍物", "Things that stand in fire lanes and roads",
                    "obstacle", "Point, Polygon", FeatureCollection.withProvenance(FeatureCollection.compoundCode(),
                            List.of(text("kind", "vehicle | illegal_structure | clutter | tree | bollard | other"),
                                    text("note", "note"),
                                    date("observed_on", "date observed"),
                                    text("status", "open | resolved")))));

    public static Optional<FeatureCollection> byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
