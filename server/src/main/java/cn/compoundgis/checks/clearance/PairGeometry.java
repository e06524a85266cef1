package cn.compoundgis.checks.clearance;

import cn.compoundgis.checks.Pipe;

/**
 * Two pipes near each other as PostGIS measured them, in the working CRS (metres).
 *
 * @param planDistanceM  centre line to centre line, in plan
 * @param crosses        the centre lines cross (or touch) in plan: a vertical check at the crossing
 * @param aFraction      where on a (0 = start, 1 = end) the closest point or the crossing lies
 * @param connected      same network and an end of one within the touch tolerance of the other (a joint)
 * @param locationGeoJson the crossing point, or the shortest line between the two, in the answer's CRS
 */
public record PairGeometry(Pipe a, Pipe b, double planDistanceM, boolean crosses, double aFraction, double bFraction,
                           boolean connected, String locationGeoJson) {
}
