package cn.compoundgis.tracing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one path through a trace that a longitudinal profile draws, in the direction of flow: downstream, from
 * the point to where the flow ends (at a fork, the largest pipe); upstream, the longest run from a head down
 * to the point.
 */
final class ProfilePath {
    private final Map<String, List<TracedPipe>> leaving = new HashMap<>();
    private final Map<String, List<TracedPipe>> arriving = new HashMap<>();

    private ProfilePath(List<TracedPipe> pipes) {
        for (TracedPipe p : pipes) {
            leaving.computeIfAbsent(p.fromNo(), k -> new ArrayList<>()).add(p);
            arriving.computeIfAbsent(p.toNo(), k -> new ArrayList<>()).add(p);
        }
    }

    static List<TracedPipe> of(List<TracedPipe> pipes, String pointNo, boolean downstream) {
        ProfilePath graph = new ProfilePath(pipes);
        return downstream ? graph.downFrom(pointNo) : graph.longestUpTo(pointNo);
    }

    private List<TracedPipe> downFrom(String pointNo) {
        List<TracedPipe> path = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        String node = pointNo;
        while (visited.add(node)) {
            TracedPipe next = leaving.getOrDefault(node, List.of()).stream()
                    .max(Comparator.comparingInt((TracedPipe p) -> p.dnMm() == null ? 0 : p.dnMm())
                            .thenComparingLong(p -> -p.id()))
                    .orElse(null);
            if (next == null) {
                break;
            }
            path.add(next);
            node = next.toNo();
        }
        return path;
    }

    /** Longest upstream run ending at the point, found depth first with memo (a pipe is on a run once). */
    private List<TracedPipe> longestUpTo(String pointNo) {
        Map<String, List<TracedPipe>> best = new HashMap<>();
        List<TracedPipe> path = longest(pointNo, best, new HashSet<>());
        return path;
    }

    private List<TracedPipe> longest(String node, Map<String, List<TracedPipe>> best, Set<String> onStack) {
        if (best.containsKey(node)) {
            return best.get(node);
        }
        onStack.add(node);
        List<TracedPipe> longest = List.of();
        double longestLength = 0;
        for (TracedPipe in : arriving.getOrDefault(node, List.of())) {
            if (onStack.contains(in.fromNo())) {
                continue; // a loop in the data
            }
            List<TracedPipe> above = longest(in.fromNo(), best, onStack);
            double length = above.stream().mapToDouble(TracedPipe::length).sum() + in.length();
            if (length > longestLength) {
                List<TracedPipe> run = new ArrayList<>(above);
                run.add(in);
                longest = run;
                longestLength = length;
            }
        }
        onStack.remove(node);
        best.put(node, longest);
        return longest;
    }
}
