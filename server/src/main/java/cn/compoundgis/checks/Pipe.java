package cn.compoundgis.checks;

import java.util.OptionalDouble;

/**
 * A pipe as the checks see it: an existing or staged surveyed pipe, or a designed one.
 *
 * @param origin         {@code existing}, {@code staged} (an upload not yet committed) or {@code design}
 * @param depthReference {@code invert} (gravity drainage: depths and elevations to the inner bottom) or
 *                       {@code top} (pressure pipes and cables: to the outer top)
 * @param startAccuracy  accuracy class of the start point ({@code visible} / {@code hidden}), null if unknown
 */
public record Pipe(String origin, long id, String sourceId, String compound, String network, String startNo,
                   String endNo, String sizeText, Integer dnMm, Integer widthMm, Integer heightMm, String material,
                   Double startDepthM, Double endDepthM, Double startElevationM, Double endElevationM,
                   String depthReference, String burialMethod, String pressureClass, String owner, String role,
                   boolean temporary, String startAccuracy, String endAccuracy) {

    public static final String DESIGN = "design";
    public static final String EXISTING = "existing";
    public static final String STAGED = "staged";
    public static final String INVERT = "invert";
    private static final String VISIBLE = "visible";

    /** Depth reference of a pipe surveyed or designed without one: invert for gravity drainage, top otherwise. */
    public static String defaultDepthReference(String network) {
        return Networks.isGravityDrainage(network) ? INVERT : "top";
    }

    public boolean isDesign() {
        return DESIGN.equals(origin);
    }

    public boolean measuredToInvert() {
        return INVERT.equals(depthReference);
    }

    /** Visible only where both ends were measured in an open well; a designed pipe is exact. */
    public String accuracyClass() {
        if (isDesign()) {
            return "exact";
        }
        return VISIBLE.equals(startAccuracy) && VISIBLE.equals(endAccuracy) ? VISIBLE : "hidden";
    }

    /** The surveyed depth (to invert or top, per depthReference) at fraction f (0 = start, 1 = end) of the pipe. */
    public OptionalDouble depthAt(double f) {
        return interpolate(startDepthM, endDepthM, f);
    }

    public OptionalDouble elevationAt(double f) {
        return interpolate(startElevationM, endElevationM, f);
    }

    public boolean hasDepths() {
        return startDepthM != null || endDepthM != null;
    }

    public boolean hasElevations() {
        return startElevationM != null || endElevationM != null;
    }

    /** The size as written (DN400, 400×300), else from the numbers. */
    public String sizeLabel() {
        if (sizeText != null && !sizeText.isBlank()) {
            return sizeText;
        }
        if (dnMm != null) {
            return "DN" + dnMm;
        }
        return widthMm != null ? widthMm + "×" + heightMm : null;
    }

    /** Nominal size for "small yields to large": the diameter, or the larger side of a box. */
    public Integer nominalMm() {
        if (dnMm != null) {
            return dnMm;
        }
        return widthMm != null ? Math.max(widthMm, heightMm) : null;
    }

    private static OptionalDouble interpolate(Double start, Double end, double f) {
        if (start != null && end != null) {
            return OptionalDouble.of(start + (end - start) * f);
        }
        if (start != null) {
            return OptionalDouble.of(start);
        }
        return end != null ? OptionalDouble.of(end) : OptionalDouble.empty();
    }
}
