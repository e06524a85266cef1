package cn.compoundgis.checks.network;

import cn.compoundgis.checks.network.NetworkLoader.Coincidence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CJJ 61 survey data checks on the drainage network (standards.md §2): pipe ends on their points, orphan
 * points, duplicate and reversed-duplicate pipes, zero length, tees and crosses with the wrong pipe count.
 */
final class TopologyChecks {
    private final DrainNetwork net;
    private final NetworkRules rules;
    private final List<Finding> out = new ArrayList<>();

    private TopologyChecks(DrainNetwork net) {
        this.net = net;
        this.rules = net.rules;
    }

    static List<Finding> run(DrainNetwork net, List<Coincidence> coincidences) {
        TopologyChecks checks = new TopologyChecks(net);
        checks.endsOnPoints();
        checks.orphanPoints();
        checks.duplicates(coincidences);
        checks.zeroLength();
        checks.fittingCounts();
        return checks.out;
    }

    private void endsOnPoints() {
        Rule rule = rules.ruleOf("topology.end_on_point");
        for (DrainPipe pipe : net.pipes) {
            for (boolean atStart : new boolean[] {true, false}) {
                String which = atStart ? "start" : "end";
                String no = pipe.pointNo(atStart);
                DrainPipe.End end = pipe.end(atStart);
                if (no == null || no.isBlank()) {
                    out.add(new Finding("END_POINT_MISSING", rule, "the " + which + " of the pipe names no point number")
                            .pipe(pipe).at(end.geojson()).detail("end", which));
                } else if (end.pointId() == null) {
                    out.add(new Finding("END_POINT_MISSING", rule,
                            "the " + which + " point " + no + " is not in the point table")
                            .pipe(pipe).at(end.geojson()).detail("end", which).detail("point_no", no));
                } else if (end.gapM() > net.endTolerance) {
                    out.add(new Finding("END_NOT_ON_POINT", rule, String.format(
                            "the %s of the pipe lies %.3f m from its point %s (tolerance %.3f m)",
                            which, end.gapM(), no, net.endTolerance))
                            .pipe(pipe).point(net.pointById(end.pointId())).at(end.geojson())
                            .detail("end", which).detail("point_no", no).detail("distance_m", Metres.mm(end.gapM()))
                            .detail("tolerance_m", net.endTolerance));
                }
            }
        }
    }

    private void orphanPoints() {
        Rule rule = rules.ruleOf("topology.orphan_point");
        for (DrainPoint point : net.points) {
            if (rules.networks.contains(point.network()) && net.pipesAt(point.pointNo()).isEmpty()) {
                out.add(new Finding("ORPHAN_POINT", rule, "no pipe starts or ends at point " + point.pointNo())
                        .point(point));
            }
        }
    }

    /** Same point numbers (either way round), or ends that coincide in plan whatever the numbers say. */
    private void duplicates(List<Coincidence> coincidences) {
        Rule rule = rules.ruleOf("topology.duplicate_pipe");
        Set<String> reported = new HashSet<>();
        Map<String, List<DrainPipe>> byEnds = new LinkedHashMap<>();
        for (DrainPipe pipe : net.pipes) {
            if (numbered(pipe)) {
                String a = pipe.startNo();
                String b = pipe.endNo();
                byEnds.computeIfAbsent(a.compareTo(b) <= 0 ? a + "\u0000" + b : b + "\u0000" + a, k -> new ArrayList<>()).add(pipe);
            }
        }
        for (List<DrainPipe> group : byEnds.values()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    DrainPipe a = group.get(i);
                    DrainPipe b = group.get(j);
                    duplicate(rule, reported, a, b, a.startNo().equals(b.startNo()), "the same point numbers");
                }
            }
        }
        for (Coincidence c : coincidences) {
            duplicate(rule, reported, net.pipe(c.a()), net.pipe(c.b()), c.sameWay(), "coinciding ends");
        }
    }

    private void duplicate(Rule rule, Set<String> reported, DrainPipe a, DrainPipe b, boolean sameWay, String basis) {
        if (a == null || b == null || !reported.add(Math.min(a.id(), b.id()) + "-" + Math.max(a.id(), b.id()))) {
            return;
        }
        String code = sameWay ? "DUPLICATE_PIPE" : "REVERSED_DUPLICATE_PIPE";
        String description = (sameWay ? "two pipes " : "two pipes in opposite directions ") + "between "
                + a.startNo() + " and " + a.endNo() + " (" + basis + ")";
        out.add(new Finding(code, rule, description).pipe(a).pipe(b).detail("basis", basis));
    }

    private void zeroLength() {
        Rule rule = rules.ruleOf("topology.zero_length");
        for (DrainPipe pipe : net.pipes) {
            boolean sameEnds = numbered(pipe) && pipe.startNo().equals(pipe.endNo());
            if (sameEnds || pipe.length() < rules.minLength) {
                out.add(new Finding("ZERO_LENGTH_PIPE", rule, String.format(
                        "the pipe is %.3f m long%s (under %.2f m is no pipe)", pipe.length(),
                        sameEnds ? " and starts and ends at " + pipe.startNo() : "", rules.minLength))
                        .pipe(pipe).at(pipe.start().geojson()).detail("length_m", Metres.mm(pipe.length())));
            }
        }
    }

    private void fittingCounts() {
        Rule rule = rules.ruleOf("topology.fitting_pipe_count");
        for (DrainPoint point : net.points) {
            Integer expected = point.feature() == null ? null : rules.pipesByFeature.get(point.feature().trim());
            if (expected == null) {
                continue;
            }
            List<DrainPipe> joined = net.pipesAt(point.pointNo());
            if (joined.size() != expected) {
                out.add(new Finding("FITTING_PIPE_COUNT", rule, String.format(
                        "%s %s joins %d pipes, a %s joins %d", point.feature(), point.pointNo(), joined.size(),
                        point.feature(), expected))
                        .point(point).pipes(joined).detail("expected", expected).detail("found", joined.size()));
            }
        }
    }

    private static boolean numbered(DrainPipe pipe) {
        return pipe.startNo() != null && !pipe.startNo().isBlank() && pipe.endNo() != null && !pipe.endNo().isBlank();
    }
}
