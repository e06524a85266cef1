package cn.compoundgis.demo;

import static cn.compoundgis.demo.DemoLayout.CHAMBER_BELOW_PIPE_M;
import static cn.compoundgis.demo.DemoLayout.DRAIN_HEAD_EXTRA_COVER_MAX_M;
import static cn.compoundgis.demo.DemoLayout.DRAIN_MIN_COVER_M;
import static cn.compoundgis.demo.DemoLayout.MANHOLE_SPACING_MAX_M;
import static cn.compoundgis.demo.DemoLayout.POINT_SPACING_MAX_M;

import cn.compoundgis.demo.DemoRows.PipeRec;
import cn.compoundgis.demo.DemoRows.PointRec;
import cn.compoundgis.demo.NetworkCatalog.PointName;
import cn.compoundgis.demo.NetworkGraph.Edge;
import cn.compoundgis.demo.NetworkGraph.Node;
import cn.compoundgis.demo.RunRouter.Run;
import cn.compoundgis.demo.RunRouter.RunKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/** One network of one compound: runs, points and pipes with sizes, depths and elevations. */
final class NetworkBuilder {
    /** Year ranges of the pressure networks and cables [demo]. */
    private static final int[] WATER_YEARS = {1992, 2012};
    private static final int[] GAS_YEARS = {2008, 2016};
    private static final int[] POWER_YEARS = {1995, 2015};
    private static final int[] TELECOM_YEARS = {2000, 2016};
    private static final double POWER_CONDUIT_SHARE = 0.7;
    private static final int[] TRUNK_CABLES = {2, 4};
    private static final int[] BRANCH_CABLES = {1, 2};
    private static final int[] TELECOM_CABLES = {2, 12};

    /** Per run: build year, power cable in conduit, telecom run for cable TV, cable count. */
    private record RunTraits(int buildYear, boolean inConduit, boolean cableTv, Integer cableCount) {
    }

    record Result(List<PointRec> points, List<PipeRec> pipes, double totalLength) {
    }

    private NetworkBuilder() {
    }

    static Result build(SitePlan plan, CompoundRow row, DemoNetwork network, Ground ground, Random rng) {
        Double target = network == DemoNetwork.YS && row.rainPipeM() != null ? row.rainPipeM().doubleValue() : null;
        List<Run> runs = RunRouter.route(
                NetworkCandidates.of(plan, network, network.gravity, target != null),
                plan.footprints(), network.buildingClearance, target);
        boolean fittings = network == DemoNetwork.JS || network == DemoNetwork.RQ;
        NetworkGraph g = NetworkGraph.build(runs, network.gravity ? MANHOLE_SPACING_MAX_M : POINT_SPACING_MAX_M,
                fittings, plan.frame(), network.code());
        List<RunTraits> traits = traits(network, row, runs, rng);
        for (Node n : g.fromRoot) {
            n.groundMm = ground.mm(n.local);
        }
        assignSizes(g, NetworkCatalog.sizes(network, row));
        if (network.gravity) {
            assignInverts(g, network, rng);
        } else {
            assignTopDepths(g, network, rng);
        }
        return new Result(points(row.code(), network, g, traits), pipes(row, network, g, traits), g.totalLength());
    }

    private static List<RunTraits> traits(DemoNetwork network, CompoundRow row, List<Run> runs, Random rng) {
        List<RunTraits> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            boolean trunk = runs.get(i).kind() == RunKind.TRUNK;
            out.add(switch (network) {
                case YS, WS -> new RunTraits(row.renovationYear(), false, false, null);
                case JS -> new RunTraits(draw(rng, WATER_YEARS), false, false, null);
                case RQ -> new RunTraits(draw(rng, GAS_YEARS), false, false, null);
                case DL -> new RunTraits(draw(rng, POWER_YEARS), Rand.chance(rng, POWER_CONDUIT_SHARE), false,
                        draw(rng, trunk ? TRUNK_CABLES : BRANCH_CABLES));
                case TX -> new RunTraits(draw(rng, TELECOM_YEARS), false, !trunk && i % 2 == 1,
                        draw(rng, TELECOM_CABLES));
            });
        }
        return out;
    }

    private static int draw(Random rng, int[] range) {
        return Rand.between(rng, range[0], range[1]);
    }

    /** A pipe's size grows with the length of network it carries (gravity) or feeds (pressure): never
     *  smaller downstream of a drain, never larger away from a pressure source. */
    private static void assignSizes(NetworkGraph g, int[] sizes) {
        double total = g.totalLength();
        for (Edge e : g.edges) {
            int step = (int) Math.floor(e.upstreamLength / total * sizes.length);
            e.dn = sizes[Math.min(sizes.length - 1, step)];
        }
    }

    /** Inverts from the heads down: minimum cover at both ends of every pipe, every pipe falling at least the
     *  minimum slope, a manhole's invert at or below every pipe entering it. */
    private static void assignInverts(NetworkGraph g, DemoNetwork network, Random rng) {
        for (int i = g.fromRoot.size() - 1; i >= 0; i--) {
            Node n = g.fromRoot.get(i);
            int dnBelow = n.out != null ? n.out.dn : n.in.stream().mapToInt(e -> e.dn).max().orElse(0);
            double cover = DRAIN_MIN_COVER_M + dnBelow / 1000.0
                    + (n.isLeaf() ? Rand.between(rng, 0, DRAIN_HEAD_EXTRA_COVER_MAX_M) : 0);
            long invert = n.groundMm - Math.round(Math.ceil(cover * 1000));
            for (Edge e : n.in) {
                invert = Math.min(invert, e.toElevationMm);
            }
            n.invertMm = invert;
            if (n.out != null) {
                Edge e = n.out;
                double slope = Rand.between(rng, NetworkCatalog.slopeMin(network), NetworkCatalog.slopeMax(network));
                long covered = e.to.groundMm - Math.round(Math.ceil((DRAIN_MIN_COVER_M + e.dn / 1000.0) * 1000));
                e.fromElevationMm = invert;
                e.toElevationMm = Math.min(covered, invert - (long) Math.ceil(slope * e.length * 1000));
            }
        }
    }

    private static void assignTopDepths(NetworkGraph g, DemoNetwork network, Random rng) {
        double[] range = NetworkCatalog.topDepthRange(network);
        for (Node n : g.fromRoot) {
            n.topDepthMm = Math.round(Rand.between(rng, range[0], range[1]) * 1000);
        }
    }

    private static List<PointRec> points(String code, DemoNetwork network, NetworkGraph g, List<RunTraits> traits) {
        List<PointRec> out = new ArrayList<>();
        for (Node n : g.fromRoot) {
            Edge any = n.out != null ? n.out : n.in.get(0);
            PointName name = NetworkCatalog.pointName(network, g, n, traits.get(any.run).inConduit());
            Long wellDepth = name.chamber() ? wellDepthMm(network, n) : null;
            boolean visible = name.chamber() || NetworkCatalog.OUTFALL.equals(name.feature());
            out.add(new PointRec(code, n.pointNo, network.code(), name.feature(), name.appurtenance(), n.groundMm,
                    wellDepth, NetworkCatalog.coverLabel(network, name), visible, Map.of(), Wkt.point(n.world)));
        }
        return out;
    }

    /** Drain chamber: ground to invert. Pressure chamber: to the pipe top, the pipe, and a sump below it. */
    private static long wellDepthMm(DemoNetwork network, Node n) {
        if (network.gravity) {
            return n.groundMm - n.invertMm;
        }
        int size = network == DemoNetwork.TX ? DemoLayout.TELECOM_DUCT_HEIGHT_MM
                : Stream.concat(n.in.stream(), Stream.ofNullable(n.out))
                        .mapToInt(e -> e.dn).max().orElse(0);
        return n.topDepthMm + size + Math.round(CHAMBER_BELOW_PIPE_M * 1000);
    }

    private static List<PipeRec> pipes(CompoundRow row, DemoNetwork network, NetworkGraph g, List<RunTraits> traits) {
        List<PipeRec> out = new ArrayList<>();
        for (Node n : g.fromRoot) {
            for (Edge e : n.in) {
                out.add(pipe(row, network, g, e, traits.get(e.run)));
            }
        }
        return out;
    }

    private static PipeRec pipe(CompoundRow row, DemoNetwork network, NetworkGraph g, Edge e, RunTraits t) {
        // gravity pipes are recorded downstream (head -> root); pressure pipes from the source outwards
        Node start = network.gravity ? e.from : e.to;
        Node end = network.gravity ? e.to : e.from;
        long startElevation = network.gravity ? e.fromElevationMm : start.groundMm - start.topDepthMm;
        long endElevation = network.gravity ? e.toElevationMm : end.groundMm - end.topDepthMm;
        boolean duct = network == DemoNetwork.TX;
        Integer dn = duct || (network == DemoNetwork.DL && !t.inConduit()) ? null : e.dn;
        return new PipeRec(row.code(), network.code(), NetworkCatalog.subtype(network, t.cableTv()),
                start.pointNo, end.pointNo, NetworkCatalog.sizeText(network, e.dn, t.inConduit()), dn,
                duct ? DemoLayout.TELECOM_DUCT_WIDTH_MM : null, duct ? DemoLayout.TELECOM_DUCT_HEIGHT_MM : null,
                NetworkCatalog.material(network, e.dn, t.inConduit()),
                start.groundMm - startElevation, end.groundMm - endElevation, startElevation, endElevation,
                network.gravity ? "invert" : "top", NetworkCatalog.burialMethod(network, t.inConduit()),
                NetworkCatalog.pressureClass(network, g, e), NetworkCatalog.voltageKv(network, g, e),
                t.cableCount(), NetworkCatalog.owner(network, t.cableTv()), t.buildYear(),
                row.name() + g.runOf(e).road(), Wkt.lineString(start.world, end.world));
    }
}
