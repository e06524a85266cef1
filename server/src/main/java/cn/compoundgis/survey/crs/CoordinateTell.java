package cn.compoundgis.survey.crs;

import cn.compoundgis.http.Message;

import java.util.Locale;
import java.util.Objects;

/**
 * One finding about a layer's coordinates, for the validation report.
 *
 * @param kind          what was found
 * @param severity      how much it matters
 * @param message       for people, with the numbers that led to it
 * @param suggestedEpsg the EPSG code the numbers point to, when they point to one; else null
 */
public record CoordinateTell(Kind kind, Severity severity, String message, Integer suggestedEpsg) {

    public enum Kind {
        /** Every sampled point falls in China and in the claimed zone. */
        FITS_CRS_AREA,
        /** Some sampled point falls outside China (73–136°E, 3–54°N), or cannot be transformed at all. */
        OUTSIDE_CHINA,
        /** In China, but outside the claimed zone's longitudes by more than the margin. */
        OUTSIDE_ZONE,
        /** Northing-like numbers in the easting slot and easting-like numbers in the northing slot. */
        AXES_SWAPPED,
        /** The claimed code is not one whose area is known here. */
        NOT_CHECKABLE,
        /** 8-digit eastings whose first two digits are a Gauss-Kruger zone. */
        LOOKS_ZONE_PREFIXED,
        /** 6-digit eastings near 500 000: a central-meridian form, which the numbers cannot name. */
        LOOKS_CENTRAL_MERIDIAN_FORM,
        /** A central-meridian form that, read in the 3° zone of the compound it is for, lies at that compound. */
        FITS_COMPOUND_ZONE,
        /** Longitudes and latitudes. */
        LOOKS_GEOGRAPHIC,
        /** The numbers match no national system: a local city grid, or something else. */
        LOOKS_LOCAL_OR_UNKNOWN
    }

    public enum Severity { INFO, WARNING, ERROR }

    public CoordinateTell {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** The finding's code, as the validation report and the map know it (coordinates_fits_compound_zone …). */
    public String code() {
        return "coordinates_" + kind.name().toLowerCase(Locale.ROOT);
    }

    /** What it says as a code and parameters, for the map to word (web/i18n reason.coordinates_…). */
    public Message said() {
        return Message.of(code(), "epsg", suggestedEpsg);
    }

    static CoordinateTell of(Kind kind, Severity severity, String message) {
        return new CoordinateTell(kind, severity, message, null);
    }

    static CoordinateTell suggesting(Kind kind, Severity severity, String message, int epsg) {
        return new CoordinateTell(kind, severity, message, epsg);
    }
}
