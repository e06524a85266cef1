package cn.compoundgis.checks.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Reverse slope 倒坡 (the downstream invert above the upstream one, along the recorded flow direction or, when
 * none is recorded, the start-to-end order), flat pipes, and slopes under the minimum for the size and material.
 */
final class SlopeChecks {
    private SlopeChecks() {
    }

    static List<Finding> run(DrainNetwork net) {
        List<Finding> out = new ArrayList<>();
        NetworkRules rules = net.rules;
        for (DrainPipe pipe : net.pipes) {
            Double slope = net.recordedSlope(pipe);
            if (slope == null || pipe.length() < rules.minLength) {
                continue; // missing depth data and zero length are findings of their own
            }
            double fall = slope * pipe.length();
            if (fall <= -rules.levelResolution) {
                out.add(reverse(net, pipe, fall));
            } else if (Math.abs(fall) < rules.levelResolution) {
                out.add(levels(net, pipe, new Finding("FLAT_PIPE", rules.ruleOf("slope.flat"),
                        "the pipe has no fall: both inverts are at the same level")));
            } else if (pipe.dnMm() != null) {
                MinimumSlope minimum = MinimumSlope.of(pipe, rules);
                if (slope < minimum.slope()) {
                    out.add(levels(net, pipe, new Finding("SLOPE_BELOW_MINIMUM", rules.ruleOf("slope.minimum"),
                            String.format("slope %.4f is under the minimum %.4f for DN%d %s", slope, minimum.slope(),
                                    pipe.dnMm(), pipe.material() == null ? "" : pipe.material()).trim()))
                            .detail("slope", Metres.slope(slope)).detail("minimum_slope", Metres.slope(minimum.slope()))
                            .detail("minimum_basis", minimum.basis()).resting(minimum.status()));
                }
            }
        }
        return out;
    }

    private static Finding reverse(DrainNetwork net, DrainPipe pipe, double fall) {
        NetworkRules rules = net.rules;
        boolean recorded = net.flowDirectionRecorded(pipe);
        boolean fromStart = net.recordedFromStart(pipe);
        double uncertainty = Math.hypot(net.depthAccuracy(pipe, true), net.depthAccuracy(pipe, false));
        String basis = recorded ? "flow_direction" : "record_order";
        Finding f = new Finding("REVERSE_SLOPE", rules.ruleOf("slope.reverse"), String.format(
                "the downstream invert (%s) is %.3f m above the upstream invert (%s), against %s",
                pipe.pointNo(!fromStart), -fall, pipe.pointNo(fromStart),
                recorded ? "the recorded flow direction" : "the start-to-end order of the survey"))
                .detail("basis", basis)
                .detail("rise_m", Metres.mm(-fall))
                .detail("survey_uncertainty_m", Metres.mm(uncertainty))
                .detail("beyond_survey_accuracy", -fall > uncertainty);
        if (!recorded) {
            f.resting(rules.recordOrderStatus);
        }
        return levels(net, pipe, f);
    }

    /** The pipe and its end points, with the inverts and length that the finding is about. */
    private static Finding levels(DrainNetwork net, DrainPipe pipe, Finding f) {
        boolean fromStart = net.recordedFromStart(pipe);
        return f.pipe(pipe)
                .point(net.pointById(pipe.end(fromStart).pointId()))
                .point(net.pointById(pipe.end(!fromStart).pointId()))
                .detail("upstream_no", pipe.pointNo(fromStart))
                .detail("downstream_no", pipe.pointNo(!fromStart))
                .detail("upstream_invert_m", Metres.mm(net.invert(pipe, fromStart)))
                .detail("downstream_invert_m", Metres.mm(net.invert(pipe, !fromStart)))
                .detail("length_m", Metres.mm(pipe.length()));
    }
}
