package cn.compoundgis.checks.network;

import cn.compoundgis.checks.network.NetworkLoader.EndContact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rain/sewer cross-connections 雨污混接 (GB 50014-2021 §3.1.2, standards.md §6): a sewage (or combined) pipe
 * discharging into a rain point or pipe, a rain pipe discharging into a separate sewer; and manhole cover labels
 * (雨 / 污) that contradict the network.
 */
final class CrossConnectionChecks {
    private final DrainNetwork net;
    private final NetworkRules rules;
    private final Map<Long, List<EndContact>> contactsByPipe = new HashMap<>();
    private final List<Finding> out = new ArrayList<>();

    private CrossConnectionChecks(DrainNetwork net, List<EndContact> contacts) {
        this.net = net;
        this.rules = net.rules;
        contacts.forEach(c -> contactsByPipe.computeIfAbsent(c.pipeId(), k -> new ArrayList<>()).add(c));
    }

    static List<Finding> run(DrainNetwork net, List<EndContact> contacts) {
        CrossConnectionChecks checks = new CrossConnectionChecks(net, contacts);
        net.pipes.forEach(checks::discharge);
        net.points.forEach(checks::coverLabel);
        return checks.out;
    }

    /** What a pipe discharges into: the point at its downstream end, the pipes leaving it, or what it touches. */
    private void discharge(DrainPipe pipe) {
        boolean downAtStart = !net.flowsFromStart(pipe);
        String node = DrainNetwork.node(pipe, downAtStart);
        Set<DrainPoint> points = new LinkedHashSet<>();
        Set<DrainPipe> pipes = new LinkedHashSet<>();
        DrainPoint named = net.pointById(pipe.end(downAtStart).pointId());
        if (named != null) {
            points.add(named);
        }
        net.flowingOutOf(node).stream().filter(p -> p != pipe).forEach(pipes::add);
        boolean onOwnPoint = named != null && named.network().equals(pipe.network())
                && net.landedPoint(pipe, downAtStart) != null;
        if (!onOwnPoint) {
            for (EndContact c : contactsByPipe.getOrDefault(pipe.id(), List.of())) {
                if (c.atStart() == downAtStart) {
                    if (c.foreignPointId() != null) {
                        points.add(net.pointById(c.foreignPointId()));
                    }
                    if (c.foreignPipeId() != null) {
                        pipes.add(net.pipe(c.foreignPipeId()));
                    }
                }
            }
        }
        points.remove(null);
        pipes.remove(null);
        Set<String> receiving = new LinkedHashSet<>();
        points.forEach(p -> receiving.add(p.network()));
        pipes.forEach(p -> receiving.add(p.network()));
        if (rules.sewageNetworks.contains(pipe.network()) && receiving.stream().anyMatch(rules.rainNetworks::contains)) {
            out.add(crossing("SEWAGE_INTO_RAIN", "cross_connection.sewage_into_rain", pipe, node, points, pipes, receiving,
                    "sewage: the " + pipe.network() + " pipe discharges into the rain network at " + node));
        } else if (rules.rainNetworks.contains(pipe.network())
                && receiving.stream().anyMatch(n -> rules.sewageNetworks.contains(n) && !rules.combinedNetworks.contains(n))) {
            out.add(crossing("RAIN_INTO_SEWER", "cross_connection.rain_into_sewer", pipe, node, points, pipes, receiving,
                    "rain: the " + pipe.network() + " pipe discharges into the sewer at " + node));
        }
    }

    private Finding crossing(String code, String ruleId, DrainPipe pipe, String node, Set<DrainPoint> points,
                             Set<DrainPipe> pipes, Set<String> receiving, String description) {
        Finding f = new Finding(code, rules.ruleOf(ruleId), description).pipe(pipe);
        points.forEach(f::point);
        pipes.stream().filter(p -> !p.network().equals(pipe.network())).forEach(f::pipe);
        return f.detail("from_network", pipe.network()).detail("into_networks", List.copyOf(receiving))
                .detail("at_point_no", node);
    }

    private void coverLabel(DrainPoint point) {
        String label = point.coverLabel();
        if (label == null || label.isBlank()) {
            return;
        }
        Set<String> allowed = rules.labelledNetworks(label.trim());
        Rule rule = rules.ruleOf("cross_connection.cover_label");
        List<DrainPipe> joined = net.pipesAt(point.pointNo());
        if (!allowed.contains(point.network())) {
            out.add(new Finding("COVER_LABEL_CONTRADICTS", rule, String.format(
                    "the cover of %s says %s but the point belongs to the %s network", point.pointNo(), label, point.network()))
                    .point(point).detail("cover_label", label).detail("network", point.network()).detail("basis", "point"));
        } else if (!joined.isEmpty() && joined.stream().noneMatch(p -> allowed.contains(p.network()))) {
            out.add(new Finding("COVER_LABEL_CONTRADICTS", rule, String.format(
                    "the cover of %s says %s but every pipe joining it is %s", point.pointNo(), label,
                    joined.get(0).network()))
                    .point(point).pipes(joined).detail("cover_label", label).detail("basis", "pipes"));
        }
    }
}
