package cn.compoundgis.demo;

import static cn.compoundgis.demo.DemoLayout.BUILDING_STRUCTURE;
import static cn.compoundgis.demo.DemoLayout.FIRE_LANE_CLEAR_WIDTH_M;
import static cn.compoundgis.demo.DemoLayout.SEED;

import cn.compoundgis.demo.DemoRows.BuildingRec;
import cn.compoundgis.demo.DemoRows.CompoundData;
import cn.compoundgis.demo.DemoRows.CompoundRec;
import cn.compoundgis.demo.DemoRows.FireLaneRec;
import cn.compoundgis.demo.DemoRows.ItemRec;
import cn.compoundgis.demo.DemoRows.ObstacleRec;
import cn.compoundgis.demo.DemoRows.PipeRec;
import cn.compoundgis.demo.DemoRows.PointRec;
import cn.compoundgis.demo.DemoRows.StallRec;
import cn.compoundgis.demo.ObstaclePlanner.Obstacle;
import cn.compoundgis.demo.ParkingPlanner.Stall;
import cn.compoundgis.demo.SitePlan.PlannedBuilding;
import cn.compoundgis.demo.SitePlan.Road;
import cn.compoundgis.demo.SitePlan.RoadKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.locationtech.jts.geom.Polygon;

/** Generates every row of the demo data set from the published numbers; pure and deterministic. */
final class DemoGenerator {
    /** Blocks hold the published households within 10 %, unless the site cannot hold that many. */
    static final double HOUSEHOLD_TOLERANCE = 0.1;

    private DemoGenerator() {
    }

    static List<CompoundData> generate(List<CompoundRow> rows) {
        List<CompoundRow> mapped = rows.stream().filter(CompoundRow::mapped).toList();
        List<LocalFrame> frames = SitePlacer.place(mapped, new Random(SEED));
        List<CompoundData> out = new ArrayList<>();
        int placed = 0;
        for (CompoundRow row : rows) {
            if (row.mapped()) {
                out.add(compound(placed, row, frames.get(placed)));
                placed++;
            } else {
                out.add(registerOnly(row));
            }
        }
        return out;
    }

    /**
     * A compound the seed names without households, site area or place (篇二): registered with its figures as items
     * and no boundary, as a city registers a compound before its first survey; it has no features.
     */
    private static CompoundData registerOnly(CompoundRow row) {
        Map<String, Object> extra = published(row);
        Map<String, Object> generated = new LinkedHashMap<>();
        generated.put("layout", "无边界：原文未给出位置、户数与面积，登记待首次测绘 (no boundary: the seed gives no place, "
                + "households or area; registered pending its first survey)");
        extra.put("generated", generated);
        CompoundRec compound = new CompoundRec(row.code(), row.name(), row.district(), null, null,
                row.renovationYear(), row.renovationStatus(), row.startedOn(), row.completedOn(), extra, null,
                items(row));
        return new CompoundData(compound, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** The seed's figures and citation as the compound's extra attributes (a figure not published is left out). */
    private static Map<String, Object> published(CompoundRow row) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("new_parking", row.newParking());
        extra.put("resurfaced_road_m2", row.resurfacedRoadM2());
        extra.put("greening_m2", row.greeningM2());
        extra.put("rain_pipe_m", row.rainPipeM());
        extra.put("rain_dn_min", row.rainDnMin());
        extra.put("rain_dn_max", row.rainDnMax());
        if (row.drainagePipeM() != null) {
            extra.put("drainage_pipe_m", row.drainagePipeM());
        }
        if (row.roadsPavedM2() != null) {
            extra.put("roads_paved_m2", row.roadsPavedM2());
        }
        if (row.sidewalksPavedM2() != null) {
            extra.put("sidewalks_paved_m2", row.sidewalksPavedM2());
        }
        extra.put("published_scope", row.publishedScope());
        extra.put("note", row.note());
        extra.put("source", row.source());
        return extra;
    }

    private static CompoundData compound(int index, CompoundRow row, LocalFrame frame) {
        Random rng = new Random(SEED * 31 + row.code().hashCode());
        SitePlan plan = SitePlanner.plan(index, row, frame, rng);
        Ground ground = new Ground(frame, rng);
        List<PointRec> points = new ArrayList<>();
        List<PipeRec> pipes = new ArrayList<>();
        Map<String, Double> lengths = new LinkedHashMap<>();
        for (DemoNetwork network : DemoNetwork.values()) {
            NetworkBuilder.Result r = NetworkBuilder.build(plan, row, network, ground, rng);
            points.addAll(r.points());
            pipes.addAll(r.pipes());
            lengths.put(network.code(), Math.round(r.totalLength() * 10) / 10.0);
        }
        List<Stall> stalls = ParkingPlanner.plan(index, plan, row, rng);
        List<Obstacle> obstacles = ObstaclePlanner.plan(plan, row, rng);
        CompoundRec compound = compoundRec(row, plan, lengths, stalls.size());
        return new CompoundData(compound, buildings(row, plan), points, pipes, fireLanes(row, plan),
                stallRecs(row, frame, stalls), obstacleRecs(row, frame, obstacles));
    }

    private static CompoundRec compoundRec(CompoundRow row, SitePlan plan, Map<String, Double> lengths, int stalls) {
        Map<String, Object> extra = published(row);
        Map<String, Object> generated = new LinkedHashMap<>();
        generated.put("layout", "演示数据：布局为生成，非实测 (generated demo layout, not a survey)");
        generated.put("buildings", plan.buildings().size());
        generated.put("households", plan.households());
        if (plan.households() < row.households() * (1 - HOUSEHOLD_TOLERANCE)) {
            generated.put("capacity_limited", true);
            generated.put("households_note", "发布户数超出5-7层多层住宅在该用地上按最小间距可排布的容量，按容量生成");
        }
        generated.put("parking_stalls", stalls);
        generated.put("pipe_length_m", lengths);
        extra.put("generated", generated);
        Polygon wall = (Polygon) plan.frame().toWorld(plan.frame().localBoundary());
        return new CompoundRec(row.code(), row.name(), row.district(), row.households(), row.siteAreaM2(),
                row.renovationYear(), row.renovationStatus(), row.startedOn(), row.completedOn(), extra,
                Wkt.multiPolygon(wall), items(row));
    }

    /**
     * The seed's per-compound figures as renovation items done (篇三: 新建停车位, 白改黑, 绿化改造, 新建雨水管道;
     * 篇二: 雨污水管道, 路面硬化, 人行道荷兰砖铺装); a figure the seed does not give makes no item.
     */
    private static List<ItemRec> items(CompoundRow row) {
        List<ItemRec> items = new ArrayList<>();
        addItem(items, row, "stalls_added", row.newParking());
        addItem(items, row, "resurfaced_m2", row.resurfacedRoadM2());
        addItem(items, row, "greening_m2", row.greeningM2());
        addItem(items, row, "rain_pipe_m", row.rainPipeM());
        addItem(items, row, "drainage_pipe_m", row.drainagePipeM());
        addItem(items, row, "roads_paved_m2", row.roadsPavedM2());
        addItem(items, row, "sidewalks_paved_m2", row.sidewalksPavedM2());
        return items;
    }

    private static void addItem(List<ItemRec> items, CompoundRow row, String item, Number done) {
        if (done != null) {
            items.add(new ItemRec(row.code(), item, done.doubleValue(), row.note(), row.source()));
        }
    }

    private static List<BuildingRec> buildings(CompoundRow row, SitePlan plan) {
        List<BuildingRec> out = new ArrayList<>();
        for (PlannedBuilding b : plan.buildings()) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("units", b.units());
            extra.put("households", b.households());
            String name = b.number() + "号楼";
            Polygon footprint = (Polygon) plan.frame().toWorld(b.footprint());
            out.add(new BuildingRec(row.code(), name, b.floors(), b.elevator(), BUILDING_STRUCTURE, b.builtYear(),
                    extra, name, Wkt.multiPolygon(footprint)));
        }
        return out;
    }

    private static List<FireLaneRec> fireLanes(CompoundRow row, SitePlan plan) {
        List<FireLaneRec> out = new ArrayList<>();
        for (Road lane : plan.fireLanes()) {
            String name = (lane.kind() == RoadKind.SPINE ? "主干道" : lane.name()) + "消防通道";
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("road", row.name() + lane.name());
            out.add(new FireLaneRec(row.code(), name, FIRE_LANE_CLEAR_WIDTH_M, lane.carriagewayM(), extra,
                    "XF" + (out.size() + 1), Wkt.of(plan.frame().toWorld(lane.centreline()))));
        }
        return out;
    }

    private static List<StallRec> stallRecs(CompoundRow row, LocalFrame frame, List<Stall> stalls) {
        List<StallRec> out = new ArrayList<>();
        for (Stall s : stalls) {
            String no = String.format("P%03d", out.size() + 1);
            out.add(new StallRec(row.code(), no, s.kind(), Map.of(), Wkt.of(frame.toWorld(s.footprint()))));
        }
        return out;
    }

    private static List<ObstacleRec> obstacleRecs(CompoundRow row, LocalFrame frame, List<Obstacle> obstacles) {
        List<ObstacleRec> out = new ArrayList<>();
        for (Obstacle o : obstacles) {
            out.add(new ObstacleRec(row.code(), o.kind(), o.note(), o.observedOn(), o.status(), Map.of(),
                    "ZA" + (out.size() + 1), Wkt.of(frame.toWorld(o.geometry()))));
        }
        return out;
    }
}
