package cn.compoundgis.checks.network;

import cn.compoundgis.checks.network.NetworkRules.SizeRow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Manhole spacing (GB 50014-2021, standards.md §6): the length of a run between two chambers, through any
 * plain points (bends, straight points) on the way, against the maximum spacing for its largest size.
 */
final class SpacingChecks {
    private SpacingChecks() {
    }

    static List<Finding> run(DrainNetwork net) {
        List<Finding> out = new ArrayList<>();
        Set<DrainPipe> seen = new HashSet<>();
        Rule rule = net.rules.ruleOf("spacing.manhole");
        for (DrainPipe pipe : net.pipes) {
            if (!seen.add(pipe)) {
                continue;
            }
            Deque<DrainPipe> run = new ArrayDeque<>(List.of(pipe));
            List<String> ends = new ArrayList<>();
            for (boolean atStart : new boolean[] {true, false}) {
                ends.add(extend(net, run, pipe, DrainNetwork.node(pipe, atStart), seen, atStart));
            }
            double length = run.stream().mapToDouble(DrainPipe::length).sum();
            int size = run.stream().map(DrainPipe::innerHeightMm).filter(s -> s != null).mapToInt(Integer::intValue).max().orElse(0);
            SizeRow limit = limitFor(net.rules, size);
            if (length > limit.value()) {
                Finding f = new Finding("MANHOLE_SPACING", rule, String.format(
                        "%.1f m between chambers %s and %s, at most %.0f m for DN%d", length, ends.get(0), ends.get(1),
                        limit.value(), size))
                        .pipes(List.copyOf(run)).point(net.pointAt(ends.get(0))).point(net.pointAt(ends.get(1)))
                        .detail("length_m", Metres.mm(length)).detail("max_m", limit.value())
                        .detail("from_no", ends.get(0)).detail("to_no", ends.get(1)).detail("dn_mm", size)
                        .resting(limit.status());
                out.add(f);
            }
        }
        return out;
    }

    /** Walks on from a node while it is a plain point on a straight run (not a chamber, outfall or junction). */
    private static String extend(DrainNetwork net, Deque<DrainPipe> run, DrainPipe from, String node, Set<DrainPipe> seen,
                                 boolean atHead) {
        DrainPipe current = from;
        while (true) {
            DrainPoint point = net.pointAt(node);
            List<DrainPipe> joined = net.pipesAt(node);
            boolean plain = point != null && !point.chamber() && !net.rules.outfall(point.feature()) && joined.size() == 2;
            if (!plain) {
                return node;
            }
            DrainPipe last = current;
            DrainPipe next = joined.get(0) == last ? joined.get(1) : joined.get(0);
            if (!seen.add(next)) {
                return node;
            }
            if (atHead) {
                run.addFirst(next);
            } else {
                run.addLast(next);
            }
            node = DrainNetwork.node(next, true).equals(node) ? DrainNetwork.node(next, false) : DrainNetwork.node(next, true);
            current = next;
        }
    }

    private static SizeRow limitFor(NetworkRules rules, int size) {
        if (size == 0) {
            return rules.manholeSpacing.get(0); // size unknown: the first (smallest) row
        }
        return rules.manholeSpacing.stream().filter(r -> size <= r.dnMax()).findFirst()
                .orElse(rules.manholeSpacing.get(rules.manholeSpacing.size() - 1));
    }
}
