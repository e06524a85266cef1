package cn.compoundgis.demo;

import static cn.compoundgis.demo.DemoLayout.MIN_RUN_LENGTH_M;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * Turns candidate runs into a tree. A run is a polyline drawn from its head (upstream end, for gravity
 * networks; the far end, for pressure networks) towards the network; it is cut where it first meets a run
 * already laid, which becomes its joint. The first candidate is the trunk, ending at the network's root.
 * With a target length, runs are laid in order until the total reaches it, the last one shortened at its head.
 */
final class RunRouter {
    private static final double HEAD_EPSILON_M = 0.5;

    enum RunKind { TRUNK, BRANCH, LATERAL, PERIMETER }

    /** A run to try: the first alternative that keeps clear of the buildings is laid. */
    record Candidate(RunKind kind, String road, List<LineString> alternatives) {
        Candidate(RunKind kind, String road, LineString line) {
            this(kind, road, List.of(line));
        }
    }

    /** A laid run; {@code target} is the index of the run it joins at {@code joint} (-1: the trunk). */
    record Run(RunKind kind, String road, LineString line, int target, Coordinate joint) {
    }

    private record Hit(int run, Coordinate at, double index) {
    }

    private RunRouter() {
    }

    static List<Run> route(List<Candidate> candidates, List<Polygon> buildings, double clearance, Double targetLength) {
        Geometry walls = LocalFrame.GEOMETRY.buildGeometry(buildings);
        List<Run> runs = new ArrayList<>();
        double total = 0;
        for (Candidate candidate : candidates) {
            Run run = runs.isEmpty() ? trunk(candidate) : firstClearBranch(candidate, runs, walls, clearance);
            if (run == null) {
                continue;
            }
            if (targetLength != null) {
                double remaining = targetLength - total;
                if (remaining < MIN_RUN_LENGTH_M) {
                    break;
                }
                if (run.line().getLength() > remaining) {
                    runs.add(shortenHead(run, remaining));
                    break;
                }
            }
            runs.add(run);
            total += run.line().getLength();
        }
        return runs;
    }

    private static Run trunk(Candidate c) {
        LineString line = c.alternatives().get(0);
        return new Run(c.kind(), c.road(), line, -1, line.getCoordinateN(line.getNumPoints() - 1));
    }

    private static Run firstClearBranch(Candidate c, List<Run> runs, Geometry walls, double clearance) {
        for (LineString line : c.alternatives()) {
            Hit hit = firstHit(line, runs);
            if (hit == null) {
                continue;
            }
            LineString cut = cutAt(line, hit);
            if (cut.getLength() >= MIN_RUN_LENGTH_M && (walls.isEmpty() || cut.distance(walls) >= clearance)) {
                return new Run(c.kind(), c.road(), cut, hit.run(), hit.at());
            }
        }
        return null;
    }

    /** Where the line, walked from its head, first meets a laid run. */
    private static Hit firstHit(LineString line, List<Run> runs) {
        LengthIndexedLine indexed = new LengthIndexedLine(line);
        Hit best = null;
        for (int k = 0; k < runs.size(); k++) {
            LineString other = runs.get(k).line();
            if (!line.getEnvelopeInternal().intersects(other.getEnvelopeInternal())) {
                continue;
            }
            Geometry meet = line.intersection(other);
            for (Coordinate c : meet.getCoordinates()) {
                double index = indexed.project(c);
                if (index > HEAD_EPSILON_M && (best == null || index < best.index())) {
                    best = new Hit(k, new Coordinate(LocalFrame.roundMm(c.x), LocalFrame.roundMm(c.y)), index);
                }
            }
        }
        return best;
    }

    private static LineString cutAt(LineString line, Hit hit) {
        LineString cut = (LineString) new LengthIndexedLine(line).extractLine(0, hit.index());
        Coordinate[] cs = cut.getCoordinates();
        cs[cs.length - 1] = hit.at();
        return LocalFrame.GEOMETRY.createLineString(cs);
    }

    private static Run shortenHead(Run run, double keep) {
        LineString line = run.line();
        double length = line.getLength();
        LineString kept = (LineString) new LengthIndexedLine(line).extractLine(length - keep, length);
        Coordinate[] cs = kept.getCoordinates();
        cs[cs.length - 1] = run.joint();
        return new Run(run.kind(), run.road(), LocalFrame.GEOMETRY.createLineString(cs), run.target(), run.joint());
    }
}
