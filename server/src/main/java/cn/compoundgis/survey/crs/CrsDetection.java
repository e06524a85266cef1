package cn.compoundgis.survey.crs;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The CRS read from a .prj: an EPSG code and how it was found, or why none could be given.
 *
 * @param outcome {@link Outcome#DETECTED} or the kind of failure
 * @param epsg    the EPSG code when detected, else null
 * @param how     for people: the evidence and the mapping ("ESRI name CGCS2000_3_Degree_GK_CM_117E → EPSG:4548
 *                (…)"), or the reason there is no code ("datum Xian 1980 not supported; give crs")
 */
public record CrsDetection(Outcome outcome, Integer epsg, String how) {

    public enum Outcome {
        DETECTED,
        /** Empty, or not WKT. */
        NOT_READABLE,
        /** WKT, but not a projected or geographic CRS (a vertical or geocentric CRS, say). */
        NOT_A_HORIZONTAL_CRS,
        /** A datum other than CGCS2000 and WGS 84 (Xian 1980, Beijing 1954, or one not recognised). */
        UNSUPPORTED_DATUM,
        /** A projection other than transverse Mercator / Gauss-Kruger. */
        UNSUPPORTED_PROJECTION,
        /** Transverse Mercator, but the parameters or units match no supported EPSG system. */
        UNSUPPORTED_PARAMETERS,
        /** An EPSG code is declared, but it is not one of {@link SupportedCrs}. */
        UNSUPPORTED_CODE
    }

    public CrsDetection {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(how, "how");
        if ((outcome == Outcome.DETECTED) != (epsg != null)) {
            throw new IllegalArgumentException("a detection has an EPSG code exactly when it is DETECTED");
        }
    }

    public static CrsDetection detected(int epsg, String how) {
        return new CrsDetection(Outcome.DETECTED, epsg, how);
    }

    public static CrsDetection unknown(Outcome outcome, String reason) {
        return new CrsDetection(outcome, null, reason);
    }

    public boolean isKnown() {
        return outcome == Outcome.DETECTED;
    }

    public OptionalInt epsgCode() {
        return epsg == null ? OptionalInt.empty() : OptionalInt.of(epsg);
    }
}
