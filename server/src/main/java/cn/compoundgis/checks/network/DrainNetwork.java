package cn.compoundgis.checks.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drainage network of one scope as a graph: a node per point number (or, for an unnumbered pipe end, a
 * node of its own), a pipe per edge. Each pipe has a recorded direction (flow_direction, else start to end)
 * and a flow direction (flow_direction, else from the higher invert to the lower, else start to end): the
 * slope checks compare inverts with the recorded direction; the walks (downstream, outfalls) follow the flow.
 */
final class DrainNetwork {
    final List<DrainPipe> pipes;
    final List<DrainPoint> points;
    final NetworkRules rules;
    final double endTolerance;
    private final Map<Long, DrainPipe> pipesById = new HashMap<>();
    private final Map<Long, DrainPoint> pointsById = new HashMap<>();
    private final Map<String, DrainPoint> pointsByNo = new HashMap<>();
    private final Map<String, List<DrainPipe>> touching = new LinkedHashMap<>();
    private final Map<String, List<DrainPipe>> flowingIn = new HashMap<>();
    private final Map<String, List<DrainPipe>> flowingOut = new HashMap<>();

    DrainNetwork(List<DrainPipe> pipes, List<DrainPoint> points, NetworkRules rules, double endTolerance) {
        this.pipes = pipes;
        this.points = points;
        this.rules = rules;
        this.endTolerance = endTolerance;
        points.forEach(p -> {
            pointsById.put(p.id(), p);
            pointsByNo.putIfAbsent(p.pointNo(), p);
        });
        for (DrainPipe pipe : pipes) {
            pipesById.put(pipe.id(), pipe);
            touching.computeIfAbsent(node(pipe, true), k -> new ArrayList<>()).add(pipe);
            if (!node(pipe, true).equals(node(pipe, false))) {
                touching.computeIfAbsent(node(pipe, false), k -> new ArrayList<>()).add(pipe);
            }
            boolean fromStart = flowsFromStart(pipe);
            flowingOut.computeIfAbsent(node(pipe, fromStart), k -> new ArrayList<>()).add(pipe);
            flowingIn.computeIfAbsent(node(pipe, !fromStart), k -> new ArrayList<>()).add(pipe);
        }
    }

    /** The graph node of a pipe end: its point number, or its own node when the end names none. */
    static String node(DrainPipe pipe, boolean atStart) {
        String no = pipe.pointNo(atStart);
        return no == null || no.isBlank() ? "#" + pipe.id() + (atStart ? ":start" : ":end") : no;
    }

    DrainPipe pipe(long id) {
        return pipesById.get(id);
    }

    DrainPoint pointById(Long id) {
        return id == null ? null : pointsById.get(id);
    }

    DrainPoint pointAt(String node) {
        return pointsByNo.get(node);
    }

    /** The point an end names, if it exists and the end lies within the tolerance of it. */
    DrainPoint landedPoint(DrainPipe pipe, boolean atStart) {
        DrainPipe.End end = pipe.end(atStart);
        DrainPoint point = pointById(end.pointId());
        return point != null && end.gapM() != null && end.gapM() <= endTolerance ? point : null;
    }

    Map<String, List<DrainPipe>> pipesByNode() {
        return touching;
    }

    List<DrainPipe> pipesAt(String node) {
        return touching.getOrDefault(node, List.of());
    }

    List<DrainPipe> flowingInto(String node) {
        return flowingIn.getOrDefault(node, List.of());
    }

    List<DrainPipe> flowingOutOf(String node) {
        return flowingOut.getOrDefault(node, List.of());
    }

    /** The invert elevation at an end: surveyed, else ground of the point minus the depth (to the invert). */
    Double invert(DrainPipe pipe, boolean atStart) {
        if (pipe.elevation(atStart) != null) {
            return pipe.elevation(atStart);
        }
        DrainPoint point = pointById(pipe.end(atStart).pointId());
        if (point != null && point.ground() != null && pipe.depth(atStart) != null) {
            return point.ground() - pipe.depth(atStart);
        }
        return null;
    }

    /** The ground at an end: of its point, else invert plus depth. */
    Double ground(DrainPipe pipe, boolean atStart) {
        DrainPoint point = pointById(pipe.end(atStart).pointId());
        if (point != null && point.ground() != null) {
            return point.ground();
        }
        if (pipe.elevation(atStart) != null && pipe.depth(atStart) != null) {
            return pipe.elevation(atStart) + pipe.depth(atStart);
        }
        return null;
    }

    /** Depth from the ground to the invert at an end: surveyed, else ground minus invert elevation. */
    Double depth(DrainPipe pipe, boolean atStart) {
        if (pipe.depth(atStart) != null) {
            return pipe.depth(atStart);
        }
        DrainPoint point = pointById(pipe.end(atStart).pointId());
        if (point != null && point.ground() != null && pipe.elevation(atStart) != null) {
            return point.ground() - pipe.elevation(atStart);
        }
        return null;
    }

    /** The recorded direction: flow_direction when surveyed, else (per the rule file) start to end. */
    boolean recordedFromStart(DrainPipe pipe) {
        return !pipe.recordedReverse();
    }

    boolean flowDirectionRecorded(DrainPipe pipe) {
        return pipe.flowDirection() != null;
    }

    /** Which way water runs: recorded flow_direction, else downhill by the inverts, else start to end. */
    boolean flowsFromStart(DrainPipe pipe) {
        if (flowDirectionRecorded(pipe)) {
            return !pipe.recordedReverse();
        }
        Double up = invert(pipe, true);
        Double down = invert(pipe, false);
        if (up != null && down != null && Math.abs(up - down) >= rules.levelResolution) {
            return up > down;
        }
        return true;
    }

    /** The node a pipe discharges into (by the flow). */
    String downstreamNode(DrainPipe pipe) {
        return node(pipe, !flowsFromStart(pipe));
    }

    String upstreamNode(DrainPipe pipe) {
        return node(pipe, flowsFromStart(pipe));
    }

    /** Slope along the recorded direction (fall per metre, negative when it rises), or null when unknown. */
    Double recordedSlope(DrainPipe pipe) {
        boolean fromStart = recordedFromStart(pipe);
        Double up = invert(pipe, fromStart);
        Double down = invert(pipe, !fromStart);
        if (up == null || down == null || pipe.length() <= 0) {
            return null;
        }
        return (up - down) / pipe.length();
    }

    /** Slope along the flow (for comparing pipes that meet), or null when unknown. */
    Double flowSlope(DrainPipe pipe) {
        boolean fromStart = flowsFromStart(pipe);
        Double up = invert(pipe, fromStart);
        Double down = invert(pipe, !fromStart);
        if (up == null || down == null || pipe.length() <= 0) {
            return null;
        }
        return (up - down) / pipe.length();
    }

    /** The CJJ 61 depth accuracy at an end: ±25 mm in an open well, else ±0.075·h (h at least 1 m). */
    double depthAccuracy(DrainPipe pipe, boolean atStart) {
        DrainPoint point = pointById(pipe.end(atStart).pointId());
        if (point != null && point.visible()) {
            return rules.visibleDepthTolerance;
        }
        Double depth = depth(pipe, atStart);
        double h = Math.max(depth == null ? 0 : depth, rules.hiddenMinDepth);
        return rules.hiddenDepthRmsPerDepth * h;
    }
}
