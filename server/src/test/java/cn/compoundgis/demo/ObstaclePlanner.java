package cn.compoundgis.demo;

import static cn.compoundgis.demo.DemoLayout.CAR_LENGTH_M;
import static cn.compoundgis.demo.DemoLayout.CAR_WIDTH_M;
import static cn.compoundgis.demo.DemoLayout.OBSERVED_YEAR;
import static cn.compoundgis.demo.DemoLayout.OBSTACLES_MAX;
import static cn.compoundgis.demo.DemoLayout.OBSTACLES_MIN;
import static cn.compoundgis.demo.DemoLayout.RESOLVED_SHARE;
import static cn.compoundgis.demo.DemoLayout.SHED_DEPTH_M;
import static cn.compoundgis.demo.DemoLayout.SHED_LENGTH_M;

import cn.compoundgis.demo.SitePlan.PlannedBuilding;
import cn.compoundgis.demo.SitePlan.Road;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * A few obstacles per compound, alternately inside a fire lane's clear width (what the product should flag:
 * parked cars, sheds, clutter, trees, bollards, standards.md §7) and beside it, behind the blocks.
 */
final class ObstaclePlanner {
    private static final String[] KINDS = {"vehicle", "illegal_structure", "clutter", "tree", "bollard"};
    /** Distance of an in-lane obstacle's centre from the lane centreline, by kind (all inside 2 m). */
    private static final double[] IN_LANE_OFFSET_M = {1.5, 2.5, 1.2, 1.6, 0.6};
    /** Distance of a behind-the-block obstacle's centre from the back wall, by kind. */
    private static final double[] BEHIND_WALL_OFFSET_M = {4.0, 0.3 + SHED_DEPTH_M / 2, 1.0, 2.5, 0};
    /** A bollard beside a lane stands this far outside the carriageway edge. */
    private static final double BOLLARD_OUTSIDE_EDGE_M = 0.3;
    private static final double LANE_STRETCH_MIN = 0.2;
    private static final double LANE_STRETCH_MAX = 0.8;
    private static final String[] NOTE_IN_LANE = {
        "私家车停放占用消防通道", "违章搭建棚屋侵占消防通道", "消防通道堆放杂物", "行道树位于消防通道净宽内", "消防通道内设置阻车桩"};
    private static final String[] NOTE_BESIDE = {
        "楼后空地停放私家车", "楼后违章搭建铁皮棚", "楼后堆放杂物", "楼后树木", "路边阻车桩"};

    record Obstacle(String kind, Geometry geometry, String note, LocalDate observedOn, String status) {
    }

    private ObstaclePlanner() {
    }

    static List<Obstacle> plan(SitePlan plan, CompoundRow row, Random rng) {
        int count = Rand.between(rng, OBSTACLES_MIN, OBSTACLES_MAX);
        int first = rng.nextInt(KINDS.length);
        List<Obstacle> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int k = (first + i) % KINDS.length;
            boolean inLane = i % 2 == 0;
            Geometry g = inLane ? inLane(k, plan, rng) : beside(k, plan, rng);
            if (g == null) {
                continue;
            }
            LocalDate observed = LocalDate.of(OBSERVED_YEAR, 1, 1).plusDays(rng.nextInt(365));
            String status = row.completed() && Rand.chance(rng, RESOLVED_SHARE) ? "resolved" : "open";
            out.add(new Obstacle(KINDS[k], g, (inLane ? NOTE_IN_LANE : NOTE_BESIDE)[k], observed, status));
        }
        return out;
    }

    private static Geometry inLane(int k, SitePlan plan, Random rng) {
        List<Road> lanes = plan.fireLanes();
        Road lane = lanes.get(rng.nextInt(lanes.size()));
        Coordinate a = lane.centreline().getCoordinateN(0);
        Coordinate b = lane.centreline().getCoordinateN(1);
        double length = a.distance(b);
        double du = (b.x - a.x) / length;
        double dv = (b.y - a.y) / length;
        double t = Rand.between(rng, LANE_STRETCH_MIN, LANE_STRETCH_MAX) * length;
        int side = rng.nextBoolean() ? 1 : -1;
        double offset = side * IN_LANE_OFFSET_M[k];
        return shape(k, a.x + du * t - dv * offset, a.y + dv * t + du * offset, du, dv);
    }

    private static Geometry beside(int k, SitePlan plan, Random rng) {
        if (KINDS[k].equals("bollard")) {
            Road spine = plan.spine();
            Envelope e = spine.centreline().getEnvelopeInternal();
            double u = Rand.between(rng, e.getMinX() + LANE_STRETCH_MIN * e.getWidth(),
                    e.getMinX() + LANE_STRETCH_MAX * e.getWidth());
            int side = rng.nextBoolean() ? 1 : -1;
            return Shapes.point(u, plan.spineV() + side * (spine.carriagewayM() / 2 + BOLLARD_OUTSIDE_EDGE_M));
        }
        if (plan.buildings().isEmpty()) {
            return null;
        }
        PlannedBuilding b = plan.buildings().get(rng.nextInt(plan.buildings().size()));
        double u = b.footprint().getCentroid().getX();
        double v = b.backV() + b.side() * BEHIND_WALL_OFFSET_M[k];
        return shape(k, u, v, 1, 0);
    }

    /** Vehicles and sheds are footprints along the direction (du, dv); the rest are points. */
    private static Geometry shape(int k, double u, double v, double du, double dv) {
        return switch (KINDS[k]) {
            case "vehicle" -> Shapes.orientedRectangle(u, v, du, dv, CAR_LENGTH_M, CAR_WIDTH_M);
            case "illegal_structure" -> Shapes.orientedRectangle(u, v, du, dv, SHED_LENGTH_M, SHED_DEPTH_M);
            default -> Shapes.point(u, v);
        };
    }
}
