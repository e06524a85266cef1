package cn.compoundgis.demo;

import static cn.compoundgis.demo.DemoLayout.BRANCH_FITTING_OFFSET_M;

import cn.compoundgis.demo.RunRouter.Run;
import cn.compoundgis.demo.RunRouter.RunKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * The points and pipes of one network: runs cut at their bends, at the joints of other runs, at fittings and
 * often enough that no pipe is longer than the spacing. Edges point from a run's head towards the root
 * (downstream for gravity networks, towards the source for pressure networks); it is a tree.
 */
final class NetworkGraph {
    private static final double MERGE_M = 0.01;

    /** What made a point, strongest last: a merged point keeps the strongest. */
    enum CutType { STRAIGHT, HEAD, BEND, FITTING, JUNCTION, JOINT, ROOT }

    static final class Node {
        final Coordinate local;
        CutType type;
        Coordinate world;
        final List<Edge> in = new ArrayList<>();
        Edge out;
        String pointNo;
        long groundMm;
        /** Gravity: invert (inner bottom) at the manhole. Pressure: depth to the pipe top. */
        long invertMm;
        long topDepthMm;

        Node(Coordinate local, CutType type) {
            this.local = local;
            this.type = type;
        }

        boolean isLeaf() {
            return in.isEmpty();
        }

        int degree() {
            return in.size() + (out == null ? 0 : 1);
        }
    }

    static final class Edge {
        final Node from;
        final Node to;
        final int run;
        double length;
        double upstreamLength;
        int dn;
        long fromElevationMm;
        long toElevationMm;

        Edge(Node from, Node to, int run) {
            this.from = from;
            this.to = to;
            this.run = run;
        }
    }

    private record Cut(double index, Coordinate at, CutType type) {
    }

    final List<Run> runs;
    final List<Node> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    /** Nodes from the root outwards (breadth first); point numbers follow this order. */
    final List<Node> fromRoot = new ArrayList<>();
    Node root;

    private NetworkGraph(List<Run> runs) {
        this.runs = runs;
    }

    static NetworkGraph build(List<Run> runs, double spacing, boolean branchFittings, LocalFrame frame, String prefix) {
        NetworkGraph g = new NetworkGraph(runs);
        List<List<Cut>> cuts = cuts(runs, branchFittings);
        Map<String, Node> byKey = new LinkedHashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            List<Cut> along = spaced(merged(cuts.get(r)), runs.get(r).line(), spacing);
            Node previous = null;
            for (Cut cut : along) {
                Node node = byKey.computeIfAbsent(key(cut.at()), k -> g.newNode(cut));
                if (cut.type().compareTo(node.type) > 0) {
                    node.type = cut.type();
                }
                if (previous != null && previous != node) {
                    g.link(previous, node, r);
                }
                previous = node;
                if (cut.type() == CutType.ROOT) {
                    g.root = node;
                }
            }
        }
        g.check();
        g.number(prefix);
        g.measure(frame);
        return g;
    }

    private Node newNode(Cut cut) {
        Node n = new Node(cut.at(), cut.type());
        nodes.add(n);
        return n;
    }

    private void link(Node from, Node to, int run) {
        if (from.out != null) {
            throw new IllegalStateException("demo network is not a tree at " + from.local);
        }
        Edge e = new Edge(from, to, run);
        from.out = e;
        to.in.add(e);
        edges.add(e);
    }

    private static List<List<Cut>> cuts(List<Run> runs, boolean branchFittings) {
        List<List<Cut>> cuts = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            Run run = runs.get(r);
            LineString line = run.line();
            List<Cut> own = new ArrayList<>();
            Coordinate[] cs = line.getCoordinates();
            own.add(new Cut(0, cs[0], CutType.HEAD));
            double along = 0;
            for (int i = 1; i < cs.length - 1; i++) {
                along += cs[i - 1].distance(cs[i]);
                own.add(new Cut(along, cs[i], CutType.BEND));
            }
            double length = line.getLength();
            own.add(new Cut(length, run.joint(), r == 0 ? CutType.ROOT : CutType.JOINT));
            if (branchFittings && run.kind() == RunKind.BRANCH && length > 2 * BRANCH_FITTING_OFFSET_M) {
                Coordinate at = new LengthIndexedLine(line).extractPoint(length - BRANCH_FITTING_OFFSET_M);
                own.add(new Cut(length - BRANCH_FITTING_OFFSET_M, at, CutType.FITTING));
            }
            cuts.add(own);
        }
        for (Run run : runs) {
            if (run.target() >= 0) {
                LineString targetLine = runs.get(run.target()).line();
                double index = new LengthIndexedLine(targetLine).project(run.joint());
                cuts.get(run.target()).add(new Cut(index, run.joint(), CutType.JUNCTION));
            }
        }
        return cuts;
    }

    /** Sorted along the run; cuts closer than 1 cm become one, keeping the joint's exact coordinate. */
    private static List<Cut> merged(List<Cut> cuts) {
        List<Cut> sorted = new ArrayList<>(cuts);
        sorted.sort(Comparator.comparingDouble(Cut::index));
        List<Cut> out = new ArrayList<>();
        for (Cut c : sorted) {
            Cut last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && c.index() - last.index() < MERGE_M) {
                out.set(out.size() - 1, c.type().compareTo(last.type()) > 0 ? c : last);
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** Adds evenly spaced straight points where two cuts are farther apart than the spacing. */
    private static List<Cut> spaced(List<Cut> cuts, LineString line, double spacing) {
        LengthIndexedLine indexed = new LengthIndexedLine(line);
        List<Cut> out = new ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) {
            Cut c = cuts.get(i);
            out.add(c);
            if (i + 1 < cuts.size()) {
                double gap = cuts.get(i + 1).index() - c.index();
                int pieces = (int) Math.ceil(gap / spacing - 1e-9);
                for (int k = 1; k < pieces; k++) {
                    double index = c.index() + gap * k / pieces;
                    Coordinate at = indexed.extractPoint(index);
                    out.add(new Cut(index, new Coordinate(LocalFrame.roundMm(at.x), LocalFrame.roundMm(at.y)),
                            CutType.STRAIGHT));
                }
            }
        }
        return out;
    }

    private static String key(Coordinate c) {
        return Math.round(c.x * 1000) + ":" + Math.round(c.y * 1000);
    }

    private void check() {
        if (root == null || root.out != null) {
            throw new IllegalStateException("demo network has no root");
        }
        for (Node n : nodes) {
            if (n != root && n.out == null) {
                throw new IllegalStateException("demo network point " + n.local + " leads nowhere");
            }
        }
    }

    private void number(String prefix) {
        Deque<Node> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) {
            Node n = queue.removeFirst();
            fromRoot.add(n);
            n.pointNo = prefix + fromRoot.size();
            for (Edge e : n.in) {
                queue.addLast(e.from);
            }
        }
        if (fromRoot.size() != nodes.size()) {
            throw new IllegalStateException("demo network is not connected");
        }
    }

    /** World coordinates, pipe lengths, and the length of network each pipe carries or feeds. */
    private void measure(LocalFrame frame) {
        for (Node n : nodes) {
            n.world = frame.toWorld(n.local);
        }
        for (Edge e : edges) {
            e.length = e.from.world.distance(e.to.world);
        }
        for (int i = fromRoot.size() - 1; i >= 0; i--) {
            Edge e = fromRoot.get(i).out;
            if (e != null) {
                e.upstreamLength = e.length + e.from.in.stream().mapToDouble(x -> x.upstreamLength).sum();
            }
        }
    }

    double totalLength() {
        return edges.stream().mapToDouble(e -> e.length).sum();
    }

    RunKind kindOf(Node n) {
        Edge e = n.out != null ? n.out : n.in.get(0);
        return runs.get(e.run).kind();
    }

    Run runOf(Edge e) {
        return runs.get(e.run);
    }
}
