package cn.compoundgis.checks.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Depth data (CJJ 61 line table: depths and elevations of drainage to the invert) and minimum cover over the
 * pipe top (GB 50014-2021 §5.3.7: 0.7 m under a carriageway, 0.6 m elsewhere; standards.md §5).
 */
final class DepthChecks {
    private DepthChecks() {
    }

    static List<Finding> run(DrainNetwork net) {
        List<Finding> out = new ArrayList<>();
        for (DrainPipe pipe : net.pipes) {
            List<String> missing = new ArrayList<>();
            for (boolean atStart : new boolean[] {true, false}) {
                if (net.invert(pipe, atStart) == null) {
                    missing.add(atStart ? "start" : "end");
                }
            }
            if (!missing.isEmpty()) {
                out.add(new Finding("MISSING_DEPTH", net.rules.ruleOf("depth.missing"),
                        "no invert at the " + String.join(" and ", missing) + " of the pipe: neither an elevation nor a depth with the point's ground elevation")
                        .pipe(pipe).detail("ends", missing));
            }
            Finding cover = cover(net, pipe);
            if (cover != null) {
                out.add(cover);
            }
        }
        return out;
    }

    private static Finding cover(DrainNetwork net, DrainPipe pipe) {
        Integer height = pipe.innerHeightMm();
        if (height == null) {
            return null;
        }
        Finding f = null;
        for (boolean atStart : new boolean[] {true, false}) {
            Double depth = net.depth(pipe, atStart);
            if (depth == null) {
                continue;
            }
            boolean carriageway = pipe.end(atStart).underCarriageway();
            double minimum = carriageway ? net.rules.coverCarriageway : net.rules.coverElsewhere;
            double cover = depth - height / 1000.0;
            if (Metres.mm(cover) < minimum) { // depths are surveyed to the millimetre
                String which = atStart ? "start" : "end";
                if (f == null) {
                    f = new Finding("COVER_BELOW_MINIMUM", net.rules.ruleOf("cover.minimum"), String.format(
                            "%.2f m of cover over the pipe top at its %s (%s), at least %.1f m %s", cover, which,
                            pipe.pointNo(atStart), minimum, carriageway ? "under a carriageway" : "off the carriageway"))
                            .pipe(pipe);
                }
                f.point(net.pointById(pipe.end(atStart).pointId()))
                        .detail(which, Map.of("cover_m", Metres.mm(cover), "minimum_m", minimum,
                                "under_carriageway", carriageway, "point_no", String.valueOf(pipe.pointNo(atStart))));
            }
        }
        return f;
    }
}
