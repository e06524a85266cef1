package cn.compoundgis.survey.stage;

import cn.compoundgis.survey.recognize.LayerKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * The whole-survey checks that can be answered from each shape as it is staged (in the working CRS), so that
 * PostgreSQL need not read the staged rows again: a pipe's length, each feature's distance from the compound's
 * current boundary, and a pipe's ends against the upload's own points (SurveyImporter stages points layers before
 * pipes layers). Each answer is exactly what the SQL of {@link StageQueries} gives (same comparisons, the
 * same rounding of numeric columns); what is not answered here {@link StagingChecks} asks PostgreSQL.
 */
final class ShapeChecks {
    /** Depths and elevations are numeric(…, 3) columns: compared as PostgreSQL holds them. */
    private static final int NUMERIC_SCALE = 3;

    /** An end of a pipe as {@link StageQueries#endsAtNamedPoints} gives it: off its named point, or at it. */
    record End(String file, int record, String which, String no, Double depth, Double elevation, Double ground,
               boolean offNamed) {
    }

    record OddLength(String file, int record, double length) {
    }

    /** The staged features of one file further than the limit from the boundary, and the farthest. */
    record Far(String file, long count, double farthest) {
    }

    private record Point(double x, double y, BigDecimal ground) {
    }

    private final ValidationRules rules;
    private final Optional<PreparedGeometry> boundary;
    /** The boundary's segments in an index: the distance of a shape outside it without comparing every pair. */
    private final IndexedFacetDistance boundaryFacets;
    private boolean boundaryUnusable;
    private final Map<String, Point> points = new HashMap<>();
    private final Set<LayerKind> staged = EnumSet.noneOf(LayerKind.class);
    private boolean pointsAfterPipes;
    private boolean pointNumberInTwoLayers;
    private final List<End> ends = new ArrayList<>();
    private final List<OddLength> oddLengths = new ArrayList<>();
    private final Map<LayerKind, Map<String, Far>> far = new EnumMap<>(LayerKind.class);

    /**
     * @param currentBoundary the compound's current boundary in the working CRS, when the survey is measured
     *                        against it (a known compound); empty when it is measured against a delivered one
     */
    ShapeChecks(ValidationRules rules, Optional<Geometry> currentBoundary) {
        this.rules = rules;
        this.boundary = currentBoundary.map(PreparedGeometryFactory::prepare);
        this.boundaryFacets = currentBoundary.map(IndexedFacetDistance::new).orElse(null);
    }

    /** A layer of {@code kind} is about to be staged. */
    void layer(LayerKind kind) {
        if (kind == LayerKind.PIPE_POINTS && staged.contains(LayerKind.PIPES)) {
            pointsAfterPipes = true;
        }
        staged.add(kind);
    }

    /** A feature written to staging, with its shape in the working CRS. */
    void staged(LayerKind kind, Map<String, Object> row, Geometry working) {
        String file = (String) row.get("source_file");
        int record = (Integer) row.get("record_no");
        boundary.ifPresent(b -> measureFromBoundary(b, kind, file, working));
        if (kind == LayerKind.PIPE_POINTS) {
            Coordinate at = working.getCoordinate();
            Point previous = points.put((String) row.get("point_no"), new Point(at.x, at.y, numeric(row.get("ground_elevation_m"))));
            if (previous != null) {
                pointNumberInTwoLayers = true; // the SQL join would meet both: let it answer
            }
        } else if (kind == LayerKind.PIPES) {
            length(file, record, working);
            if (!staged.contains(LayerKind.PIPE_POINTS)) {
                return; // no points of its own (yet): PostgreSQL checks the ends against the compound's current points
            }
            Geometry first = working.getGeometryN(0);
            Geometry last = working.getGeometryN(working.getNumGeometries() - 1);
            Coordinate[] lastCoordinates = last.getCoordinates();
            end(file, record, "start", row.get("start_no"), row.get("start_depth_m"), row.get("start_elevation_m"),
                    first.getCoordinates()[0]).ifPresent(ends::add);
            end(file, record, "end", row.get("end_no"), row.get("end_depth_m"), row.get("end_elevation_m"),
                    lastCoordinates[lastCoordinates.length - 1]).ifPresent(ends::add);
        }
    }

    private void length(String file, int record, Geometry pipe) {
        double length = pipe.getLength();
        if (length > rules.longSegmentM() || length < rules.shortSegmentM()) {
            oddLengths.add(new OddLength(file, record, length));
        }
    }

    /** The end when it is a finding. ends.at against named.geom: ST_DWithin of two points is their distance ≤ the tolerance. */
    private Optional<End> end(String file, int record, String which, Object no, Object depthValue, Object elevationValue, Coordinate at) {
        Point named = no == null ? null : points.get((String) no);
        BigDecimal depth = numeric(depthValue);
        BigDecimal elevation = numeric(elevationValue);
        boolean offNamed = named == null || !(distance(named, at) <= rules.endOnPointToleranceM());
        boolean mismatch = !offNamed && depth != null && elevation != null && named.ground() != null
                && named.ground().subtract(depth.add(elevation)).abs().doubleValue() > rules.elevationMismatchToleranceM();
        return offNamed || mismatch
                ? Optional.of(new End(file, record, which, (String) no, asDouble(depth), asDouble(elevation),
                        named == null ? null : asDouble(named.ground()), offNamed))
                : Optional.empty();
    }

    private static double distance(Point p, Coordinate c) {
        double dx = p.x() - c.x;
        double dy = p.y() - c.y;
        return Math.sqrt(dx * dx + dy * dy);
    }

    private void measureFromBoundary(PreparedGeometry b, LayerKind kind, String file, Geometry shape) {
        if (boundaryUnusable) {
            return;
        }
        double distance;
        try {
            if (b.intersects(shape)) {
                return;
            }
            distance = boundaryFacets.distance(shape);
        } catch (RuntimeException e) {
            boundaryUnusable = true; // JTS refuses a shape PostGIS measures (an invalid boundary, say): PostgreSQL answers
            return;
        }
        if (distance > rules.farFromCompoundM()) {
            far.computeIfAbsent(kind, k -> new TreeMap<>()).merge(file, new Far(file, 1, distance),
                    (a, c) -> new Far(file, a.count() + 1, Math.max(a.farthest(), c.farthest())));
        }
    }

    /** The value as PostgreSQL stores it in a numeric(…, 3) column (rounded half away from zero). */
    private static BigDecimal numeric(Object value) {
        return value == null ? null : new BigDecimal(value.toString()).setScale(NUMERIC_SCALE, RoundingMode.HALF_UP);
    }

    private static Double asDouble(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

    /** Pipe lengths outside the limits, by file and record: answered for every staged pipe. */
    List<OddLength> oddLengths() {
        List<OddLength> sorted = new ArrayList<>(oddLengths);
        sorted.sort(Comparator.comparing(OddLength::file).thenComparingInt(OddLength::record));
        return sorted;
    }

    /**
     * The ends off their named point or whose elevations disagree, in the order of the SQL (file, record, start
     * before end); empty when they must be asked of PostgreSQL (no points of its own, a points layer staged after
     * pipes, or a point number in two points layers).
     */
    Optional<List<End>> ends() {
        if (!staged.contains(LayerKind.PIPE_POINTS) || pointsAfterPipes || pointNumberInTwoLayers) {
            return Optional.empty();
        }
        List<End> found = new ArrayList<>(ends);
        found.sort(Comparator.comparing(End::file).thenComparingInt(End::record)
                .thenComparing(End::which, Comparator.reverseOrder()));
        return Optional.of(found);
    }

    /** The files of {@code kind} with features far from the current boundary; empty when not measured here. */
    Optional<List<Far>> farFromCompound(LayerKind kind) {
        return boundaryUnusable ? Optional.empty() : boundary.map(b -> List.copyOf(far.getOrDefault(kind, Map.of()).values()));
    }
}
