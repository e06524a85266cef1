package cn.compoundgis.checks.dig;

import cn.compoundgis.checks.CheckRules;
import cn.compoundgis.checks.Pipe;
import cn.compoundgis.checks.PipeDimensions;
import cn.compoundgis.checks.SurveyUncertainty;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * Decides which candidate pipes and points lie in the dig area grown by their own positional uncertainty
 * (±0.05·h for hidden points) plus half their outer size, and where each lies in depth inside the area.
 */
final class DigEvaluator {
    static final String WILL = "will_be_exposed";
    static final String MAY = "may_be_exposed";
    static final String BELOW = "below_dig_depth";
    static final String UNKNOWN = "depth_unknown";

    private final PipeDimensions dimensions;
    private final SurveyUncertainty uncertainty;
    private final GeometryFactory factory = new GeometryFactory();

    DigEvaluator(CheckRules rules) {
        this.dimensions = rules.dimensions();
        this.uncertainty = rules.uncertainty();
    }

    /** A candidate pipe: its attributes, centre line (working CRS), geometry for the answer and survey. */
    record PipeCandidate(Pipe pipe, Geometry line, String geometryJson, String surveyedOn, Long surveyId) {
    }

    record PointCandidate(DigItem.PointRow point, String geometryJson, String surveyedOn, Long surveyId) {
    }

    List<DigItem> evaluate(DigArea area, List<PipeCandidate> pipes, List<PointCandidate> points, Double digDepthM) {
        List<DigItem> items = new ArrayList<>();
        Map<String, Double> topAtPoint = new HashMap<>();
        for (PipeCandidate c : pipes) {
            pipe(area, c, digDepthM).ifPresent(item -> {
                items.add(item);
                recordEndTops(c.pipe(), topAtPoint);
            });
        }
        for (PointCandidate c : points) {
            point(area, c, digDepthM, topAtPoint).ifPresent(items::add);
        }
        items.sort(Comparator.comparing(DigItem::topMinM, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(DigItem::kind)
                .thenComparing(i -> i.pipe() != null ? i.pipe().network() : i.point().network()));
        return items;
    }

    private Optional<DigItem> pipe(DigArea area, PipeCandidate c, Double digDepthM) {
        Pipe p = c.pipe();
        Double deepest = max(p.startDepthM(), p.endDepthM());
        double plan = uncertainty.planM(p, deepest);
        double reach = plan + dimensions.outerWidthM(p) / 2;
        Geometry part = c.line().intersection(area.geometry().buffer(reach));
        if (part.isEmpty()) {
            return Optional.empty();
        }
        LengthIndexedLine indexed = new LengthIndexedLine(c.line());
        double length = c.line().getLength();
        double first = 1;
        double last = 0;
        for (Coordinate coordinate : part.getCoordinates()) {
            double f = length == 0 ? 0 : indexed.project(coordinate) / length;
            first = Math.min(first, f);
            last = Math.max(last, f);
        }
        Double topMin = null;
        Double topMax = null;
        Double bottomMax = null;
        Double deepestInside = null;
        for (double f : new double[]{first, last}) {
            OptionalDouble level = p.depthAt(f);
            if (level.isPresent()) {
                PipeDimensions.Extent e = dimensions.extent(p, level.getAsDouble());
                topMin = topMin == null ? e.top() : Math.min(topMin, e.top());
                topMax = topMax == null ? e.top() : Math.max(topMax, e.top());
                bottomMax = bottomMax == null ? e.bottom() : Math.max(bottomMax, e.bottom());
                deepestInside = max(deepestInside, level.getAsDouble());
            }
        }
        double depthUncertainty = uncertainty.depthM(p, deepestInside);
        Double outer = dimensions.sizeKnown(p) ? dimensions.outerWidthM(p) : null;
        return Optional.of(new DigItem("pipe", p, null, c.geometryJson(), c.surveyedOn(), c.surveyId(), outer, plan,
                depthUncertainty, topMin, topMax, bottomMax, exposure(topMin, depthUncertainty, digDepthM)));
    }

    private Optional<DigItem> point(DigArea area, PointCandidate c, Double digDepthM, Map<String, Double> topAtPoint) {
        DigItem.PointRow r = c.point();
        double plan = uncertainty.pointPlanM(r.accuracyClass(), r.wellDepthM());
        if (area.geometry().distance(factory.createPoint(new Coordinate(r.x(), r.y()))) > plan) {
            return Optional.empty();
        }
        // A manhole, valve well or other appurtenance reaches the surface; a fitting lies at the depth of its pipes.
        Double top = r.appurtenance() != null ? Double.valueOf(0) : topAtPoint.get(key(r.compound(), r.pointNo()));
        Double depthForUncertainty = r.wellDepthM() != null ? r.wellDepthM() : top;
        double depthUncertainty = uncertainty.pointDepthM(r.accuracyClass(), depthForUncertainty);
        return Optional.of(new DigItem("pipe_point", null, r, c.geometryJson(), c.surveyedOn(), c.surveyId(), null, plan,
                depthUncertainty, top, top, r.wellDepthM(), exposure(top, depthUncertainty, digDepthM)));
    }

    private void recordEndTops(Pipe p, Map<String, Double> topAtPoint) {
        endTop(p, p.startNo(), p.startDepthM(), topAtPoint);
        endTop(p, p.endNo(), p.endDepthM(), topAtPoint);
    }

    private void endTop(Pipe p, String pointNo, Double depth, Map<String, Double> topAtPoint) {
        if (pointNo != null && depth != null) {
            topAtPoint.merge(key(p.compound(), pointNo), dimensions.extent(p, depth).top(), Math::min);
        }
    }

    private static String key(String compound, String pointNo) {
        return compound + "\u0000" + pointNo;
    }

    static String exposure(Double topMinM, double depthUncertaintyM, Double digDepthM) {
        if (digDepthM == null) {
            return null;
        }
        if (topMinM == null) {
            return UNKNOWN;
        }
        if (topMinM <= digDepthM) {
            return WILL;
        }
        return topMinM - depthUncertaintyM <= digDepthM ? MAY : BELOW;
    }

    private static Double max(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }
}
