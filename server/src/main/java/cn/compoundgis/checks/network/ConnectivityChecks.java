package cn.compoundgis.checks.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Isolated pipes and sub-networks that reach no outfall: the pipes are grouped into connected parts (pipes
 * sharing a point number are connected, whichever way they flow); a part without an outfall point (出水口 ...)
 * and without a pipe end leaving the compound has nowhere to discharge.
 */
final class ConnectivityChecks {
    private final Map<String, String> parent = new HashMap<>();

    private ConnectivityChecks() {
    }

    static List<Finding> run(DrainNetwork net) {
        return new ConnectivityChecks().parts(net);
    }

    private List<Finding> parts(DrainNetwork net) {
        for (DrainPipe pipe : net.pipes) {
            union(DrainNetwork.node(pipe, true), DrainNetwork.node(pipe, false));
        }
        Map<String, List<DrainPipe>> parts = new LinkedHashMap<>();
        for (DrainPipe pipe : net.pipes) {
            parts.computeIfAbsent(find(DrainNetwork.node(pipe, true)), k -> new ArrayList<>()).add(pipe);
        }
        List<Finding> out = new ArrayList<>();
        Rule rule = net.rules.ruleOf("connectivity.outfall");
        for (List<DrainPipe> part : parts.values()) {
            if (part.stream().anyMatch(p -> reachesOutfall(net, p))) {
                continue;
            }
            double length = part.stream().mapToDouble(DrainPipe::length).sum();
            Finding f = part.size() == 1
                    ? new Finding("ISOLATED_PIPE", rule, "the pipe joins no other pipe and reaches no outfall")
                    : new Finding("NO_OUTFALL", rule, String.format(
                            "%d connected pipes (%.1f m) reach no outfall", part.size(), length));
            f.pipes(part).detail("pipe_count", part.size()).detail("length_m", Metres.mm(length))
                    .detail("networks", part.stream().map(DrainPipe::network).distinct().sorted().toList());
            out.add(f);
        }
        return out;
    }

    private static boolean reachesOutfall(DrainNetwork net, DrainPipe pipe) {
        for (boolean atStart : new boolean[] {true, false}) {
            if (pipe.end(atStart).outsideCompound()) {
                return true;
            }
            DrainPoint point = net.pointAt(DrainNetwork.node(pipe, atStart));
            if (point != null && (net.rules.outfall(point.feature()) || net.rules.outfall(point.appurtenance()))) {
                return true;
            }
        }
        return false;
    }

    private String find(String node) {
        String root = node;
        while (parent.containsKey(root) && !parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        String at = node;
        while (!at.equals(root)) {
            String next = parent.get(at);
            parent.put(at, root);
            at = next;
        }
        return root;
    }

    private void union(String a, String b) {
        String ra = find(a);
        String rb = find(b);
        parent.putIfAbsent(ra, ra);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }
}
