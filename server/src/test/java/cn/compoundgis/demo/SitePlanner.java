package cn.compoundgis.demo;

import static cn.compoundgis.demo.DemoLayout.BEHIND_ROW_OFFSET_M;
import static cn.compoundgis.demo.DemoLayout.BRANCH_BUILDING_SETBACK_M;
import static cn.compoundgis.demo.DemoLayout.BRANCH_CARRIAGEWAY_MAX_M;
import static cn.compoundgis.demo.DemoLayout.BRANCH_CARRIAGEWAY_MIN_M;
import static cn.compoundgis.demo.DemoLayout.BRANCH_END_INSET_M;
import static cn.compoundgis.demo.DemoLayout.BUILDING_DEPTH_M;
import static cn.compoundgis.demo.DemoLayout.BUILT_YEAR_MAX;
import static cn.compoundgis.demo.DemoLayout.BUILT_YEAR_MIN;
import static cn.compoundgis.demo.DemoLayout.COLUMN_PITCH_TARGET_M;
import static cn.compoundgis.demo.DemoLayout.EDGE_MARGIN_M;
import static cn.compoundgis.demo.DemoLayout.ELEVATOR_SHARE;
import static cn.compoundgis.demo.DemoLayout.FLOORS_MAX;
import static cn.compoundgis.demo.DemoLayout.FLOORS_MIN;
import static cn.compoundgis.demo.DemoLayout.GABLE_GAP_M;
import static cn.compoundgis.demo.DemoLayout.HOUSEHOLDS_PER_UNIT_FLOOR;
import static cn.compoundgis.demo.DemoLayout.MAX_BRANCH_FIRE_LANES;
import static cn.compoundgis.demo.DemoLayout.PERIMETER_INSET_M;
import static cn.compoundgis.demo.DemoLayout.ROW_GAP_MAX_M;
import static cn.compoundgis.demo.DemoLayout.ROW_GAP_MIN_M;
import static cn.compoundgis.demo.DemoLayout.SPINE_BUILDING_SETBACK_M;
import static cn.compoundgis.demo.DemoLayout.SPINE_CARRIAGEWAY_MAX_M;
import static cn.compoundgis.demo.DemoLayout.SPINE_CARRIAGEWAY_MIN_M;
import static cn.compoundgis.demo.DemoLayout.SPINE_END_INSET_M;
import static cn.compoundgis.demo.DemoLayout.THROUGH_SPINE_EVERY;
import static cn.compoundgis.demo.DemoLayout.TYPICAL_BUILDING_LENGTH_M;
import static cn.compoundgis.demo.DemoLayout.UNITS_MAX;
import static cn.compoundgis.demo.DemoLayout.UNITS_MIN;
import static cn.compoundgis.demo.DemoLayout.UNIT_LENGTH_MAX_M;
import static cn.compoundgis.demo.DemoLayout.UNIT_LENGTH_MIN_M;

import cn.compoundgis.demo.SitePlan.Column;
import cn.compoundgis.demo.SitePlan.LateralLine;
import cn.compoundgis.demo.SitePlan.PlannedBuilding;
import cn.compoundgis.demo.SitePlan.Road;
import cn.compoundgis.demo.SitePlan.RoadKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/** Lays out roads and blocks so that the blocks hold about the published number of households. */
final class SitePlanner {
    private static final double GAP_STEP_M = 0.5;
    private static final int[] SIDES = {1, -1};
    /** A layout is sized for 15 % more households than published, because blocks are drawn at random. */
    private static final double CAPACITY_MARGIN = 1.15;
    /** Compounds at least 120 m deep get their main road up to 8 % of the depth off the middle [demo]. */
    private static final double OFF_CENTRE_SPINE_MIN_HEIGHT_M = 120.0;
    private static final double OFF_CENTRE_SPINE_SHARE = 0.08;
    /** A typical block: 3.5 units x 2 flats x 6 floors = 42 households. */
    private static final double TYPICAL_HOUSEHOLDS_PER_BLOCK =
            (UNITS_MIN + UNITS_MAX) / 2.0 * HOUSEHOLDS_PER_UNIT_FLOOR * (FLOORS_MIN + FLOORS_MAX) / 2.0;
    /** Block sizes within 2 households of the best are equally good (variety among blocks). */
    private static final double NEAR_ENOUGH_HOUSEHOLDS = 2.0;

    private SitePlanner() {
    }

    static SitePlan plan(int index, CompoundRow row, LocalFrame frame, Random rng) {
        double shift = frame.height() >= OFF_CENTRE_SPINE_MIN_HEIGHT_M ? OFF_CENTRE_SPINE_SHARE : 0;
        double spineV = Rand.decimetres(Rand.between(rng, -shift, shift) * frame.height());
        boolean through = index % THROUGH_SPINE_EVERY == THROUGH_SPINE_EVERY - 1;
        double spineEnd = through ? frame.maxU() : frame.maxU() - SPINE_END_INSET_M;
        Road spine = new Road("主干道", RoadKind.SPINE, Shapes.line(frame.minU(), spineV, spineEnd, spineV),
                Rand.decimetres(Rand.between(rng, SPINE_CARRIAGEWAY_MIN_M, SPINE_CARRIAGEWAY_MAX_M)), true);
        List<Column> columns = columns(frame);
        List<Road> branches = branches(frame, columns, rng);
        double rowGap = rowGap(frame, spineV, columns, row.households());
        int baseYear = Rand.between(rng, BUILT_YEAR_MIN, BUILT_YEAR_MAX - 4);
        List<PlannedBuilding> buildings = buildings(frame, spineV, columns, rowGap, row.households(), baseYear, rng);
        List<LateralLine> laterals = laterals(frame, buildings, rowGap);
        return new SitePlan(frame, spineV, through, spine, branches, columns, buildings, laterals, rowGap);
    }

    private static List<Column> columns(LocalFrame frame) {
        double start = frame.minU() + EDGE_MARGIN_M;
        double end = frame.maxU() - EDGE_MARGIN_M;
        int n = Math.max(1, (int) Math.round((end - start) / COLUMN_PITCH_TARGET_M));
        double width = (end - start) / n;
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            double cs = start + j * width;
            double ce = cs + width;
            double bs = cs + (j > 0 ? BRANCH_BUILDING_SETBACK_M : 0);
            double be = ce - (j < n - 1 ? BRANCH_BUILDING_SETBACK_M : 0);
            int slots = slotsPerRow(be - bs);
            double slotLength = slots == 0 ? 0 : (be - bs - (slots - 1) * GABLE_GAP_M) / slots;
            columns.add(new Column(j, cs, ce, bs, be, slots, slotLength));
        }
        return columns;
    }

    /** How many blocks fit side by side, aiming at typical 50 m blocks and never below three units. */
    private static int slotsPerRow(double usable) {
        double minLength = UNITS_MIN * UNIT_LENGTH_MIN_M;
        if (usable < minLength) {
            return 0;
        }
        int k = Math.max(1, (int) Math.round((usable + GABLE_GAP_M) / (TYPICAL_BUILDING_LENGTH_M + GABLE_GAP_M)));
        while (k > 1 && (usable - (k - 1) * GABLE_GAP_M) / k < minLength) {
            k--;
        }
        return k;
    }

    private static List<Road> branches(LocalFrame frame, List<Column> columns, Random rng) {
        List<Integer> laneOrder = new ArrayList<>();
        for (int j = 1; j < columns.size(); j++) {
            laneOrder.add(j);
        }
        Collections.shuffle(laneOrder, rng);
        int laneCount = Math.min(laneOrder.size(), rng.nextInt(MAX_BRANCH_FIRE_LANES + 1));
        List<Integer> lanes = laneOrder.subList(0, laneCount);
        List<Road> branches = new ArrayList<>();
        for (int j = 1; j < columns.size(); j++) {
            double u = columns.get(j).startU();
            branches.add(new Road(j + "号支路", RoadKind.BRANCH,
                    Shapes.line(u, frame.minV() + BRANCH_END_INSET_M, u, frame.maxV() - BRANCH_END_INSET_M),
                    Rand.decimetres(Rand.between(rng, BRANCH_CARRIAGEWAY_MIN_M, BRANCH_CARRIAGEWAY_MAX_M)),
                    lanes.contains(j)));
        }
        return branches;
    }

    /** Distance from the spine to the farthest wall a block may reach on one side. */
    private static double sideDepth(LocalFrame frame, double spineV, int side) {
        return (side > 0 ? frame.maxV() - spineV : spineV - frame.minV()) - EDGE_MARGIN_M;
    }

    private static int rowsThatFit(double sideDepth, double gap) {
        double room = sideDepth - SPINE_BUILDING_SETBACK_M - BUILDING_DEPTH_M;
        return room < 0 ? 0 : 1 + (int) Math.floor(room / (BUILDING_DEPTH_M + gap));
    }

    /** The widest row gap whose layout still holds the households; the narrowest if none does. */
    private static double rowGap(LocalFrame frame, double spineV, List<Column> columns, int households) {
        for (double gap = ROW_GAP_MAX_M; gap >= ROW_GAP_MIN_M; gap -= GAP_STEP_M) {
            if (capacity(frame, spineV, columns, gap) >= households * CAPACITY_MARGIN) {
                return gap;
            }
        }
        return ROW_GAP_MIN_M;
    }

    /** Households the layout holds with average blocks at this row gap. */
    private static double capacity(LocalFrame frame, double spineV, List<Column> columns, double gap) {
        double perRow = 0;
        for (Column c : columns) {
            perRow += c.slots() * expectedHouseholds(c.slotLength());
        }
        int rows = rowsThatFit(sideDepth(frame, spineV, 1), gap) + rowsThatFit(sideDepth(frame, spineV, -1), gap);
        return rows * perRow;
    }

    private static double expectedHouseholds(double slotLength) {
        int maxUnits = maxUnits(slotLength);
        double units = (UNITS_MIN + maxUnits) / 2.0;
        return units * HOUSEHOLDS_PER_UNIT_FLOOR * (FLOORS_MIN + FLOORS_MAX) / 2.0;
    }

    private static int maxUnits(double slotLength) {
        return Math.min(UNITS_MAX, (int) Math.floor(slotLength / UNIT_LENGTH_MIN_M));
    }

    /** Where a block may stand: a slot of a column, on one side of the spine, in a row counted from it. */
    private record Slot(Column column, int index, int side, int row) {
    }

    /** The slots from the spine outwards, row by row, both sides, column by column. */
    private static List<Slot> slots(LocalFrame frame, double spineV, List<Column> columns, double gap) {
        List<Slot> slots = new ArrayList<>();
        int maxRows = Math.max(rowsThatFit(sideDepth(frame, spineV, 1), gap),
                rowsThatFit(sideDepth(frame, spineV, -1), gap));
        for (int r = 0; r < maxRows; r++) {
            for (int side : SIDES) {
                if (r < rowsThatFit(sideDepth(frame, spineV, side), gap)) {
                    for (Column c : columns) {
                        for (int i = 0; i < c.slots(); i++) {
                            slots.add(new Slot(c, i, side, r));
                        }
                    }
                }
            }
        }
        return slots;
    }

    /**
     * As many typical blocks as the households need (no more than the slots nearest the spine), each sized so
     * that the running total comes out at the published households; on a site too small, the largest blocks.
     */
    private static List<PlannedBuilding> buildings(LocalFrame frame, double spineV, List<Column> columns, double gap,
                                                   int households, int baseYear, Random rng) {
        List<Slot> slots = slots(frame, spineV, columns, gap);
        int wanted = Math.max(1, (int) Math.round(households / TYPICAL_HOUSEHOLDS_PER_BLOCK));
        int n = Math.min(slots.size(), wanted);
        List<PlannedBuilding> buildings = new ArrayList<>();
        int remaining = households;
        for (int k = 0; k < n; k++) {
            PlannedBuilding b = building(k + 1, spineV, slots.get(k), gap, remaining / (double) (n - k), baseYear, rng);
            buildings.add(b);
            remaining -= b.households();
        }
        return buildings;
    }

    /** A block for one slot holding about {@code households}: one of the unit and floor counts closest to it. */
    private static PlannedBuilding building(int number, double spineV, Slot slot, double gap, double households,
                                            int baseYear, Random rng) {
        Column c = slot.column();
        int[] size = unitsAndFloors(Math.max(UNITS_MIN, maxUnits(c.slotLength())), households, rng);
        int units = size[0];
        int floors = size[1];
        double unitLength = Rand.between(rng, UNIT_LENGTH_MIN_M, Math.min(UNIT_LENGTH_MAX_M, c.slotLength() / units));
        double length = Math.min(c.slotLength(), Rand.decimetres(units * unitLength));
        double centreU = c.buildingStartU() + slot.index() * (c.slotLength() + GABLE_GAP_M) + c.slotLength() / 2;
        double front = spineV + slot.side() * (SPINE_BUILDING_SETBACK_M + slot.row() * (BUILDING_DEPTH_M + gap));
        double back = front + slot.side() * BUILDING_DEPTH_M;
        return new PlannedBuilding(
                Shapes.rectangle(centreU - length / 2, front, centreU + length / 2, back),
                number, units, floors, units * HOUSEHOLDS_PER_UNIT_FLOOR * floors,
                Rand.chance(rng, ELEVATOR_SHARE), baseYear + rng.nextInt(5), c.index(), slot.side(), slot.row());
    }

    /** Units and floors whose households are nearest the wish, drawn at random among equally near ones. */
    private static int[] unitsAndFloors(int maxUnits, double households, Random rng) {
        List<int[]> sizes = new ArrayList<>();
        for (int units = UNITS_MIN; units <= maxUnits; units++) {
            for (int floors = FLOORS_MIN; floors <= FLOORS_MAX; floors++) {
                sizes.add(new int[] {units, floors});
            }
        }
        double nearest = sizes.stream().mapToDouble(s -> miss(s, households)).min().orElseThrow();
        List<int[]> best = sizes.stream().filter(s -> miss(s, households) <= nearest + NEAR_ENOUGH_HOUSEHOLDS).toList();
        return best.get(rng.nextInt(best.size()));
    }

    private static double miss(int[] unitsAndFloors, double households) {
        return Math.abs(unitsAndFloors[0] * HOUSEHOLDS_PER_UNIT_FLOOR * unitsAndFloors[1] - households);
    }

    /** Lines midway between consecutive rows of a column, and behind its last row where there is room. */
    private static List<LateralLine> laterals(LocalFrame frame, List<PlannedBuilding> buildings, double gap) {
        TreeMap<Integer, TreeMap<Integer, PlannedBuilding>> byColumnSide = new TreeMap<>();
        for (PlannedBuilding b : buildings) {
            int key = 2 * b.column() + (b.side() > 0 ? 0 : 1);
            byColumnSide.computeIfAbsent(key, k -> new TreeMap<>()).putIfAbsent(b.row(), b);
        }
        List<LateralLine> lines = new ArrayList<>();
        for (var rows : byColumnSide.values()) {
            PlannedBuilding first = rows.firstEntry().getValue();
            int side = first.side();
            for (var e : rows.entrySet()) {
                PlannedBuilding b = e.getValue();
                if (rows.containsKey(e.getKey() + 1)) {
                    lines.add(new LateralLine(b.column(), side, b.backV() + side * gap / 2));
                } else {
                    double v = b.backV() + side * BEHIND_ROW_OFFSET_M;
                    double wall = side > 0 ? frame.maxV() : frame.minV();
                    if (Math.abs(wall - v) >= PERIMETER_INSET_M + BEHIND_ROW_OFFSET_M) {
                        lines.add(new LateralLine(b.column(), side, v));
                    }
                }
            }
        }
        return lines;
    }
}
