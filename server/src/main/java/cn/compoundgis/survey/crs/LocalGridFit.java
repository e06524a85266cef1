package cn.compoundgis.survey.crs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Four-parameter similarity parameters fitted to control points, with what they leave over. Two pairs
 * determine the parameters exactly (residuals 0, nothing to judge them by); three or more over-determine them
 * and the residuals show how well the grid is tied. The parameters mean what {@link LocalGrid} says.
 *
 * @param shiftEastingMetres  see {@link LocalGrid}
 * @param shiftNorthingMetres see {@link LocalGrid}
 * @param rotationArcSeconds  counter-clockwise positive, see {@link LocalGrid}
 * @param scalePpm            see {@link LocalGrid}
 * @param residuals           one per control point, in input order
 * @param rmsMetres           √(Σ residual² / n), plan
 * @param maxResidualMetres   the largest plan residual
 * @param warnings            things a person should look at before using the grid
 */
public record LocalGridFit(double shiftEastingMetres, double shiftNorthingMetres, double rotationArcSeconds,
                           double scalePpm, List<Residual> residuals, double rmsMetres, double maxResidualMetres,
                           List<String> warnings) {
    /** Control points closer than this (in either system) are the same point and fix nothing. */
    static final double COINCIDENT_METRES = 0.001;
    /** Beyond this the pairs probably do not match, or X/Y were swapped in one system. */
    static final double IMPLAUSIBLE_SCALE_PPM = 1000;
    static final int MINIMUM_PAIRS = 2;
    /** Two pairs give four equations for four unknowns. */
    private static final int EXACTLY_DETERMINED_PAIRS = 2;

    public LocalGridFit {
        residuals = List.copyOf(residuals);
        warnings = List.copyOf(warnings);
    }

    /**
     * One control point's misfit: the fitted target position minus the given one, in metres.
     *
     * @param name           the control point's name
     * @param eastingMetres  misfit along the easting
     * @param northingMetres misfit along the northing
     * @param planMetres     the length of the misfit
     */
    public record Residual(String name, double eastingMetres, double northingMetres, double planMetres) {
    }

    /**
     * Least-squares fit (closed form, about the centroids) to at least two pairs.
     *
     * @throws IllegalArgumentException with fewer than two pairs, or when two points coincide in either system
     */
    public static LocalGridFit fit(List<ControlPoint> pairs) {
        if (pairs == null || pairs.size() < MINIMUM_PAIRS) {
            throw new IllegalArgumentException("a local grid needs at least " + MINIMUM_PAIRS
                    + " control-point pairs (3 or more to see residuals); got " + (pairs == null ? 0 : pairs.size()));
        }
        refuseCoincident(pairs);
        LocalGrid.Similarity similarity = solve(pairs);
        double rotationArcSeconds = Math.atan2(similarity.b(), similarity.a()) * LocalGrid.ARC_SECONDS_PER_RADIAN;
        double scalePpm = (Math.hypot(similarity.a(), similarity.b()) - 1) / LocalGrid.PPM;
        List<Residual> residuals = residuals(pairs, similarity);
        double rms = Math.sqrt(residuals.stream().mapToDouble(r -> r.planMetres() * r.planMetres()).sum()
                / residuals.size());
        double max = residuals.stream().mapToDouble(Residual::planMetres).max().orElse(0);
        return new LocalGridFit(similarity.e(), similarity.f(), rotationArcSeconds, scalePpm, residuals, rms, max,
                warnings(pairs.size(), scalePpm));
    }

    /** The fitted parameters as a grid with a name, tied to {@code targetEpsg}. */
    public LocalGrid asGrid(String name, int targetEpsg) {
        return new LocalGrid(name, targetEpsg, shiftEastingMetres, shiftNorthingMetres, rotationArcSeconds, scalePpm);
    }

    private static void refuseCoincident(List<ControlPoint> pairs) {
        for (int i = 0; i < pairs.size(); i++) {
            for (int j = i + 1; j < pairs.size(); j++) {
                ControlPoint p = pairs.get(i);
                ControlPoint q = pairs.get(j);
                if (Math.hypot(p.localEasting() - q.localEasting(), p.localNorthing() - q.localNorthing())
                        < COINCIDENT_METRES) {
                    throw coincident(p, q, "local");
                }
                if (Math.hypot(p.targetEasting() - q.targetEasting(), p.targetNorthing() - q.targetNorthing())
                        < COINCIDENT_METRES) {
                    throw coincident(p, q, "target");
                }
            }
        }
    }

    private static IllegalArgumentException coincident(ControlPoint p, ControlPoint q, String system) {
        return new IllegalArgumentException("control points " + p.name() + " and " + q.name()
                + " coincide in the " + system + " system; coincident points fix no rotation or scale:"
                + " remove one, or give distinct points");
    }

    /**
     * About the centroids the translation drops out: with u, v the local and U, V the target coordinates less
     * their centroids, a = Σ(uU + vV) / Σ(u² + v²) and b = Σ(uV − vU) / Σ(u² + v²).
     */
    private static LocalGrid.Similarity solve(List<ControlPoint> pairs) {
        int n = pairs.size();
        double localE = pairs.stream().mapToDouble(ControlPoint::localEasting).sum() / n;
        double localN = pairs.stream().mapToDouble(ControlPoint::localNorthing).sum() / n;
        double targetE = pairs.stream().mapToDouble(ControlPoint::targetEasting).sum() / n;
        double targetN = pairs.stream().mapToDouble(ControlPoint::targetNorthing).sum() / n;
        double spread = 0;
        double alongA = 0;
        double alongB = 0;
        for (ControlPoint p : pairs) {
            double u = p.localEasting() - localE;
            double v = p.localNorthing() - localN;
            double bigU = p.targetEasting() - targetE;
            double bigV = p.targetNorthing() - targetN;
            spread += u * u + v * v;
            alongA += u * bigU + v * bigV;
            alongB += u * bigV - v * bigU;
        }
        double a = alongA / spread;
        double b = alongB / spread;
        return new LocalGrid.Similarity(a, b, targetE - (a * localE - b * localN), targetN - (b * localE + a * localN));
    }

    private static List<Residual> residuals(List<ControlPoint> pairs, LocalGrid.Similarity similarity) {
        List<Residual> residuals = new ArrayList<>();
        for (ControlPoint p : pairs) {
            var fitted = similarity.forward(p.localEasting(), p.localNorthing());
            double dE = fitted.x - p.targetEasting();
            double dN = fitted.y - p.targetNorthing();
            residuals.add(new Residual(p.name(), dE, dN, Math.hypot(dE, dN)));
        }
        return residuals;
    }

    private static List<String> warnings(int pairCount, double scalePpm) {
        List<String> warnings = new ArrayList<>();
        if (pairCount == EXACTLY_DETERMINED_PAIRS) {
            warnings.add("2 control points determine the parameters exactly: the residuals are 0 by construction"
                    + " and cannot reveal a wrong point; use 3 or more");
        }
        if (Math.abs(scalePpm) > IMPLAUSIBLE_SCALE_PPM) {
            warnings.add(String.format(Locale.ROOT, "the scale differs from 1 by %.0f ppm: check that the pairs"
                    + " match and that X (northing) and Y (easting) are not swapped in one system", scalePpm));
        }
        return warnings;
    }
}
