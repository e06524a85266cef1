package cn.compoundgis.checks.network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Diameter decreasing downstream (GB 50014-2021, standards.md §6): at each point, a pipe leaving smaller than
 * the largest pipe of the same network entering it must be at most the allowed number of sizes smaller and
 * must fall more steeply than that pipe.
 */
final class DiameterChecks {
    private DiameterChecks() {
    }

    static List<Finding> run(DrainNetwork net) {
        List<Finding> out = new ArrayList<>();
        NetworkRules rules = net.rules;
        Rule rule = rules.ruleOf("diameter.decrease");
        for (String node : net.pipesByNode().keySet()) {
            for (DrainPipe down : net.flowingOutOf(node)) {
                Optional<DrainPipe> largestIn = net.flowingInto(node).stream()
                        .filter(p -> p.network().equals(down.network()) && p.dnMm() != null)
                        .max(Comparator.comparingInt(DrainPipe::dnMm));
                if (down.dnMm() == null || largestIn.isEmpty() || down.dnMm() >= largestIn.get().dnMm()) {
                    continue;
                }
                DrainPipe up = largestIn.get();
                int steps = rules.stepsDown(up.dnMm(), down.dnMm());
                Double upSlope = net.flowSlope(up);
                Double downSlope = net.flowSlope(down);
                Finding f;
                if (steps > rules.maxDecreaseSteps) {
                    f = new Finding("DIAMETER_DECREASE_TOO_LARGE", rule, String.format(
                            "DN%d is followed downstream by DN%d at %s: %d sizes smaller, at most %d allowed",
                            up.dnMm(), down.dnMm(), node, steps, rules.maxDecreaseSteps)).resting(rules.sizeLadderStatus);
                } else if (upSlope == null || downSlope == null || downSlope <= upSlope) {
                    f = new Finding("DIAMETER_DECREASE_WITHOUT_STEEPER_SLOPE", rule, String.format(
                            "DN%d is followed downstream by DN%d at %s without a steeper slope", up.dnMm(), down.dnMm(), node));
                } else {
                    continue;
                }
                out.add(f.pipe(up).pipe(down).point(net.pointAt(node))
                        .detail("point_no", node)
                        .detail("upstream_dn_mm", up.dnMm()).detail("downstream_dn_mm", down.dnMm())
                        .detail("steps", steps).detail("max_steps", rules.maxDecreaseSteps)
                        .detail("upstream_slope", Metres.slope(upSlope)).detail("downstream_slope", Metres.slope(downSlope)));
            }
        }
        return out;
    }
}
