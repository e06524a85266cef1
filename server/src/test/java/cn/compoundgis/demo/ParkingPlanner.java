package cn.compoundgis.demo;

import static cn.compoundgis.demo.DemoLayout.ACCESSIBLE_AISLE_SLOTS;
import static cn.compoundgis.demo.DemoLayout.DEFECT_STALL_EDGE_MAX_M;
import static cn.compoundgis.demo.DemoLayout.DEFECT_STALL_EDGE_MIN_M;
import static cn.compoundgis.demo.DemoLayout.EV_STALL_SHARE;
import static cn.compoundgis.demo.DemoLayout.GATE_CLEAR_M;
import static cn.compoundgis.demo.DemoLayout.PLANNED_STALLS_PER_HOUSEHOLD;
import static cn.compoundgis.demo.DemoLayout.STALL_BUILDING_CLEARANCE_M;
import static cn.compoundgis.demo.DemoLayout.STALL_GROUP_MAX;
import static cn.compoundgis.demo.DemoLayout.STALL_LENGTH_M;
import static cn.compoundgis.demo.DemoLayout.STALL_WIDTH_M;
import static cn.compoundgis.demo.DemoLayout.WALL_BAND_GAP_M;

import cn.compoundgis.demo.SitePlan.Road;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.index.quadtree.Quadtree;

/**
 * Perpendicular stalls along the main road, then the branch roads, then the compound wall, in groups; as many
 * as the seed published (2019 compounds: planned stalls for a tenth of the households). A few stalls along the
 * main road are deliberately painted into the fire lane's clear width: the defects the product should find.
 */
final class ParkingPlanner {
    private static final double TOUCH_M = 1e-6;

    enum Band { SPINE, BRANCH, WALL }

    /** A possible stall; {@code side} is +1/-1 across its road (0 for wall stalls). */
    private record Slot(Polygon footprint, Band band, int side, double roadHalfWidth) {
    }

    record Stall(Polygon footprint, String kind) {
    }

    private ParkingPlanner() {
    }

    static int target(CompoundRow row) {
        return row.newParking() != null ? row.newParking()
                : (int) Math.round(row.households() * PLANNED_STALLS_PER_HOUSEHOLD);
    }

    static List<Stall> plan(int index, SitePlan plan, CompoundRow row, Random rng) {
        List<List<Slot>> groups = groups(plan, rng);
        List<Slot> chosen = choose(groups, target(row));
        return stalls(chosen, row.completed(), defectCount(index), rng);
    }

    /** Demo defects per compound: two in every fourth compound, one in the next-but-one, none elsewhere. */
    static int defectCount(int index) {
        return index % 4 == 0 ? 2 : index % 4 == 2 ? 1 : 0;
    }

    private static List<List<Slot>> groups(SitePlan plan, Random rng) {
        SlotFilter filter = new SlotFilter(plan);
        List<List<Slot>> spine = new ArrayList<>();
        List<List<Slot>> branch = new ArrayList<>();
        List<List<Slot>> wall = new ArrayList<>();
        LocalFrame f = plan.frame();
        Road s = plan.spine();
        Envelope se = s.centreline().getEnvelopeInternal();
        double half = s.carriagewayM() / 2;
        for (int side : new int[] {1, -1}) {
            List<Slot> line = new ArrayList<>();
            for (double u = se.getMinX(); u + STALL_WIDTH_M <= se.getMaxX(); u += STALL_WIDTH_M) {
                double v0 = plan.spineV() + side * half;
                line.add(new Slot(Shapes.rectangle(u, v0, u + STALL_WIDTH_M, v0 + side * STALL_LENGTH_M),
                        Band.SPINE, side, half));
            }
            spine.addAll(filter.accept(line));
        }
        for (Road b : plan.branches()) {
            Envelope be = b.centreline().getEnvelopeInternal();
            double bh = b.carriagewayM() / 2;
            for (int side : new int[] {1, -1}) {
                List<Slot> line = new ArrayList<>();
                for (double v = be.getMinY(); v + STALL_WIDTH_M <= be.getMaxY(); v += STALL_WIDTH_M) {
                    double u0 = be.getMinX() + side * bh;
                    line.add(new Slot(Shapes.rectangle(u0, v, u0 + side * STALL_LENGTH_M, v + STALL_WIDTH_M),
                            Band.BRANCH, side, bh));
                }
                branch.addAll(filter.accept(line));
            }
        }
        double inner = WALL_BAND_GAP_M + STALL_LENGTH_M;
        for (int side : new int[] {1, -1}) {
            List<Slot> line = new ArrayList<>();
            double wallV = side > 0 ? f.maxV() - WALL_BAND_GAP_M : f.minV() + WALL_BAND_GAP_M;
            for (double u = f.minU() + inner; u + STALL_WIDTH_M <= f.maxU() - inner; u += STALL_WIDTH_M) {
                line.add(new Slot(Shapes.rectangle(u, wallV, u + STALL_WIDTH_M, wallV - side * STALL_LENGTH_M),
                        Band.WALL, 0, 0));
            }
            wall.addAll(filter.accept(line));
        }
        List<Slot> east = new ArrayList<>();
        double wallU = f.maxU() - WALL_BAND_GAP_M;
        for (double v = f.minV() + inner; v + STALL_WIDTH_M <= f.maxV() - inner; v += STALL_WIDTH_M) {
            east.add(new Slot(Shapes.rectangle(wallU - STALL_LENGTH_M, v, wallU, v + STALL_WIDTH_M), Band.WALL, 0, 0));
        }
        wall.addAll(filter.accept(east));
        Collections.shuffle(spine, rng);
        Collections.shuffle(branch, rng);
        Collections.shuffle(wall, rng);
        List<List<Slot>> all = new ArrayList<>(spine);
        all.addAll(branch);
        all.addAll(wall);
        return all;
    }

    /**
     * Keeps slots inside the wall, off every carriageway, clear of buildings, gates and each other. Stalls,
     * blocks and roads are all axis-parallel in the local frame, so envelopes decide exactly (and fast).
     */
    private static final class SlotFilter {
        private final SitePlan plan;
        private final Envelope inside;
        private final List<Envelope> gates = new ArrayList<>();
        private final List<Envelope> buildings;
        private final Quadtree taken = new Quadtree();

        SlotFilter(SitePlan plan) {
            this.plan = plan;
            Envelope wall = plan.frame().localBoundary().getEnvelopeInternal();
            this.inside = new Envelope(wall);
            this.inside.expandBy(-WALL_BAND_GAP_M + 0.01);
            Envelope se = plan.spine().centreline().getEnvelopeInternal();
            gates.add(new Envelope(se.getMinX(), se.getMinX(), plan.spineV(), plan.spineV()));
            if (plan.throughSpine()) {
                gates.add(new Envelope(se.getMaxX(), se.getMaxX(), plan.spineV(), plan.spineV()));
            }
            this.buildings = plan.footprints().stream().map(Polygon::getEnvelopeInternal).toList();
        }

        /** The accepted slots of one line, cut into groups of consecutive stalls. */
        List<List<Slot>> accept(List<Slot> line) {
            List<List<Slot>> groups = new ArrayList<>();
            List<Slot> current = new ArrayList<>();
            for (Slot slot : line) {
                Envelope e = slot.footprint().getEnvelopeInternal();
                if (fits(e)) {
                    taken.insert(e, e);
                    current.add(slot);
                    if (current.size() == STALL_GROUP_MAX) {
                        groups.add(current);
                        current = new ArrayList<>();
                    }
                } else if (!current.isEmpty()) {
                    groups.add(current);
                    current = new ArrayList<>();
                }
            }
            if (!current.isEmpty()) {
                groups.add(current);
            }
            return groups;
        }

        private boolean fits(Envelope e) {
            if (!inside.contains(e)) {
                return false;
            }
            for (Envelope gate : gates) {
                if (e.distance(gate) < GATE_CLEAR_M) {
                    return false;
                }
            }
            boolean offRoads = plan.roads().allMatch(
                    r -> e.distance(r.centreline().getEnvelopeInternal()) >= r.carriagewayM() / 2 - TOUCH_M);
            if (!offRoads) {
                return false;
            }
            for (Envelope b : buildings) {
                if (e.distance(b) < STALL_BUILDING_CLEARANCE_M) {
                    return false;
                }
            }
            for (Object o : taken.query(e)) {
                if (e.intersection((Envelope) o).getArea() > TOUCH_M) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Whole groups in order until the target; an accessible stall gets the next slot as its aisle. */
    private static List<Slot> choose(List<List<Slot>> groups, int target) {
        List<Slot> chosen = new ArrayList<>();
        for (List<Slot> group : groups) {
            for (int i = 0; i < group.size() && chosen.size() < target; i++) {
                chosen.add(group.get(i));
                if (chosen.size() == 1) {
                    i += ACCESSIBLE_AISLE_SLOTS;
                }
            }
        }
        return chosen;
    }

    private static List<Stall> stalls(List<Slot> chosen, boolean completed, int defects, Random rng) {
        int ev = (int) Math.round(chosen.size() * EV_STALL_SHARE);
        List<Integer> onLane = new ArrayList<>();
        for (int i = 1; i < chosen.size(); i++) {
            if (chosen.get(i).band() == Band.SPINE) {
                onLane.add(i);
            }
        }
        Collections.shuffle(onLane, rng);
        List<Integer> intruding = onLane.subList(0, Math.min(defects, onLane.size()));
        List<Stall> out = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Slot slot = chosen.get(i);
            String kind = !completed ? "planned" : i == 0 ? "accessible" : i >= chosen.size() - ev ? "ev" : "standard";
            Polygon footprint = intruding.contains(i) ? intoLane(slot, rng) : slot.footprint();
            out.add(new Stall(footprint, kind));
        }
        return out;
    }

    /** The stall moved towards the main road until its near edge is 0.8-1.5 m from the centreline. */
    private static Polygon intoLane(Slot slot, Random rng) {
        double edge = Rand.decimetres(Rand.between(rng, DEFECT_STALL_EDGE_MIN_M, DEFECT_STALL_EDGE_MAX_M));
        double shift = -slot.side() * (slot.roadHalfWidth() - edge);
        return (Polygon) AffineTransformation.translationInstance(0, shift).transform(slot.footprint());
    }
}
