package cn.compoundgis.demo;

import static cn.compoundgis.demo.DemoLayout.LATERAL_TURN_INSET_M;
import static cn.compoundgis.demo.DemoLayout.PERIMETER_GATE_SIDE_INSET_M;
import static cn.compoundgis.demo.DemoLayout.PERIMETER_INSET_M;
import static cn.compoundgis.demo.DemoLayout.RUN_OVERSHOOT_M;
import static cn.compoundgis.demo.DemoLayout.TRUNK_HEAD_INSET_M;

import cn.compoundgis.demo.RunRouter.Candidate;
import cn.compoundgis.demo.RunRouter.RunKind;
import cn.compoundgis.demo.SitePlan.Column;
import cn.compoundgis.demo.SitePlan.LateralLine;
import cn.compoundgis.demo.SitePlan.Road;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;

/**
 * The runs a network may take in a compound, in the order they are laid: the trunk under the main road to
 * the gate, the branch roads (each in two halves, one either side of the main road), the laterals between
 * the building rows, and (rain only, to reach a published length) a ring inside the compound wall.
 */
final class NetworkCandidates {
    /** The wall-side ring starts this far to either side of the main road's axis. */
    private static final double PERIMETER_HEAD_OFFSET_M = 5.0;
    private static final double LATERAL_HEAD_INSET_M = 1.0;
    static final String LATERAL_ROAD = "宅间路";
    static final String PERIMETER_ROAD = "围墙边";

    private NetworkCandidates() {
    }

    static List<Candidate> of(SitePlan plan, DemoNetwork network, boolean withLaterals, boolean withPerimeter) {
        List<Candidate> out = new ArrayList<>();
        out.add(trunk(plan, network));
        for (Road branch : plan.branches()) {
            out.addAll(branchHalves(plan, branch, network));
        }
        if (withLaterals) {
            for (LateralLine line : plan.laterals()) {
                out.add(lateral(plan, line, network));
            }
        }
        if (withPerimeter) {
            out.add(perimeter(plan, 1));
            out.add(perimeter(plan, -1));
        }
        return out;
    }

    private static Candidate trunk(SitePlan plan, DemoNetwork network) {
        Envelope spine = plan.spine().centreline().getEnvelopeInternal();
        double v = plan.spineV() + network.roadOffset;
        return new Candidate(RunKind.TRUNK, plan.spine().name(),
                Shapes.line(spine.getMaxX() - TRUNK_HEAD_INSET_M, v, spine.getMinX(), v));
    }

    private static List<Candidate> branchHalves(SitePlan plan, Road branch, DemoNetwork network) {
        Envelope e = branch.centreline().getEnvelopeInternal();
        double u = e.getMinX() + network.roadOffset;
        double v = plan.spineV();
        return List.of(
                new Candidate(RunKind.BRANCH, branch.name(), Shapes.line(u, e.getMaxY(), u, v - RUN_OVERSHOOT_M)),
                new Candidate(RunKind.BRANCH, branch.name(), Shapes.line(u, e.getMinY(), u, v + RUN_OVERSHOOT_M)));
    }

    /** Along a row gap towards the gate: into the branch road west of the column, or down to the trunk. */
    private static Candidate lateral(SitePlan plan, LateralLine line, DemoNetwork network) {
        Column column = plan.columns().get(line.column());
        List<LineString> alternatives = new ArrayList<>();
        for (double shift : network.lateralShifts) {
            double v = line.v() + shift;
            double head = column.buildingEndU() + LATERAL_HEAD_INSET_M;
            Double branchU = plan.branchWestOf(column);
            if (branchU != null) {
                alternatives.add(Shapes.line(head, v, branchU - RUN_OVERSHOOT_M, v));
            } else {
                double turn = plan.frame().minU() + LATERAL_TURN_INSET_M + shift;
                double down = plan.spineV() - line.side() * RUN_OVERSHOOT_M;
                alternatives.add(Shapes.line(head, v, turn, v, turn, down));
            }
        }
        return new Candidate(RunKind.LATERAL, LATERAL_ROAD, alternatives);
    }

    /** Half a ring inside the wall, from the far end round to the gate side and down to the trunk. */
    private static Candidate perimeter(SitePlan plan, int side) {
        LocalFrame f = plan.frame();
        double wallV = side > 0 ? f.maxV() - PERIMETER_INSET_M : f.minV() + PERIMETER_INSET_M;
        double east = f.maxU() - PERIMETER_INSET_M;
        double west = f.minU() + PERIMETER_GATE_SIDE_INSET_M;
        return new Candidate(RunKind.PERIMETER, PERIMETER_ROAD, Shapes.line(
                east, plan.spineV() + side * PERIMETER_HEAD_OFFSET_M, east, wallV, west, wallV,
                west, plan.spineV() - side * RUN_OVERSHOOT_M));
    }
}
