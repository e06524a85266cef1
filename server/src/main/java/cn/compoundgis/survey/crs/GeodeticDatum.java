package cn.compoundgis.survey.crs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The geodetic datums a .prj may name, recognised by the names ESRI, EPSG/OGC WKT1 and WKT2 give them. Only
 * CGCS2000 and WGS 84 are supported: Xian 1980 and Beijing 1954 need a city's own transformation, so a file on
 * them is refused with a reason rather than guessed.
 *
 * <p>Names are compared after dropping ESRI's {@code D_} / {@code GCS_} prefixes, case and everything that is not
 * a letter or digit, so {@code D_China_2000}, {@code China_2000} and {@code China 2000} are the same.
 */
public enum GeodeticDatum {
    /** EPSG datum 1043 "China 2000"; ESRI D_China_2000 / GCS_China_Geodetic_Coordinate_System_2000. */
    CGCS2000("CGCS2000", true, "china2000", "chinageodeticcoordinatesystem2000", "cgcs2000"),
    /** EPSG datum 6326 (ensemble) "World Geodetic System 1984"; ESRI D_WGS_1984 / GCS_WGS_1984. */
    WGS84("WGS 84", true, "wgs1984", "wgs84", "worldgeodeticsystem1984", "worldgeodeticsystem1984ensemble"),
    /** EPSG datum 6610 "Xian 1980"; ESRI D_Xian_1980. */
    XIAN_1980("Xian 1980", false, "xian1980", "xian80"),
    /** EPSG datum 6214 "Beijing 1954"; ESRI D_Beijing_1954. */
    BEIJING_1954("Beijing 1954", false, "beijing1954", "beijing54"),
    /** EPSG datum 1045 "New Beijing"; ESRI D_New_Beijing. */
    NEW_BEIJING("New Beijing", false, "newbeijing");

    private final String displayName;
    private final boolean supported;
    private final Set<String> normalisedAliases;

    GeodeticDatum(String displayName, boolean supported, String... normalisedAliases) {
        this.displayName = displayName;
        this.supported = supported;
        this.normalisedAliases = Set.of(normalisedAliases);
    }

    public String displayName() {
        return displayName;
    }

    public boolean supported() {
        return supported;
    }

    /** The datum a datum or geographic-CRS name denotes, if it is one of these. */
    public static Optional<GeodeticDatum> recognise(String name) {
        String key = normalise(name);
        return Arrays.stream(values()).filter(d -> d.normalisedAliases.contains(key)).findFirst();
    }

    static String normalise(String name) {
        String withoutPrefix = name.trim().replaceFirst("(?i)^(D_|GCS_)", "");
        return withoutPrefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
