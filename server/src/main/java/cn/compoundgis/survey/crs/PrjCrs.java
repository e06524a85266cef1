package cn.compoundgis.survey.crs;

import cn.compoundgis.geo.GaussKrugerFamily;
import cn.compoundgis.survey.crs.CrsDetection.Outcome;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps the WKT of a shapefile's .prj (ESRI or OGC WKT1, or WKT2) to a supported EPSG code, saying how; or says
 * why it cannot. Nothing is guessed: a datum other than CGCS2000 and WGS 84, a projection other than transverse
 * Mercator, or parameters that are not exactly those of an EPSG system give an "unknown" result whose reason
 * ends in "give crs", so the upload can ask the user.
 *
 * <p>Order of evidence: an EPSG {@code AUTHORITY} / {@code ID} on the CRS itself is trusted when the code is
 * supported; otherwise the datum, the projection method and its five parameters decide. A CGCS2000 central
 * meridian that is both a 3° and a 6° one (75, 81, …, 135) is the same projection in both; the name decides
 * which EPSG label it gets ("3_Degree" → 3°; "6_Degree", or ESRI's / EPSG's "GK_CM" / "Gauss-Kruger CM" with no
 * width → 6°), and without a hint it is taken as 3°.
 */
public final class PrjCrs {
    private static final String GIVE_CRS = "; give crs";
    private static final String[] PROJECTED = {"PROJCS", "PROJCRS", "PROJECTEDCRS"};
    private static final String[] GEOGRAPHIC = {"GEOGCS", "GEOGCRS", "GEOGRAPHICCRS", "GEODCRS", "GEODETICCRS"};
    private static final String[] BASE_GEOGRAPHIC = {"GEOGCS", "BASEGEOGCRS", "BASEGEODCRS"};
    private static final String[] COMPOUND = {"COMPD_CS", "COMPOUNDCRS"};
    private static final String[] BOUND = {"BOUNDCRS"};

    private static final double DEGREE_IN_RADIANS = Math.PI / 180;
    private static final double UNIT_FACTOR_TOLERANCE = 1e-12;
    private static final double ANGLE_TOLERANCE_DEGREES = 1e-9;
    private static final double LENGTH_TOLERANCE_METRES = 1e-3;
    private static final double SCALE_TOLERANCE = 1e-9;

    private static final Pattern THREE_DEGREE_NAME = Pattern.compile("(?<![0-9])3_*deg");
    private static final Pattern SIX_DEGREE_NAME = Pattern.compile("(?<![0-9])6_*deg");
    private static final Pattern GAUSS_KRUGER_CM_NAME = Pattern.compile("(gk|gauss_*kruger)_*cm");

    private PrjCrs() {
    }

    /** The parameters of a transverse Mercator projection. */
    enum TmParameter {
        LATITUDE_OF_ORIGIN(0, "latitudeoforigin", "latitudeofnaturalorigin", "latitudeofcenter"),
        CENTRAL_MERIDIAN(0, "centralmeridian", "longitudeofnaturalorigin", "longitudeofcenter", "longitudeoforigin"),
        SCALE_FACTOR(1, "scalefactor", "scalefactoratnaturalorigin", "scalefactoratcentralmeridian"),
        FALSE_EASTING(0, "falseeasting"),
        FALSE_NORTHING(0, "falsenorthing");

        /** The value when the WKT omits the parameter (OGC 01-009 defaults). */
        final double defaultValue;
        private final Set<String> names;

        TmParameter(double defaultValue, String... normalisedNames) {
            this.defaultValue = defaultValue;
            this.names = Set.of(normalisedNames);
        }

        static Optional<TmParameter> named(String name) {
            String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            for (TmParameter p : values()) {
                if (p.names.contains(key)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /** Transverse Mercator methods by normalised name (ESRI Gauss_Kruger / Transverse_Mercator, EPSG 9807). */
    private static final Set<String> TRANSVERSE_MERCATOR_METHODS =
            Set.of("transversemercator", "gausskruger", "gausskrugertransversemercator", "tmerc");

    public static CrsDetection fromPrj(String prjText) {
        Wkt.Node root;
        try {
            root = Wkt.parse(prjText);
        } catch (Wkt.ParseException e) {
            return CrsDetection.unknown(Outcome.NOT_READABLE, "the .prj is not readable WKT (" + e.getMessage() + ")"
                    + GIVE_CRS);
        }
        Optional<Wkt.Node> horizontal = horizontalCrs(root);
        if (horizontal.isEmpty()) {
            return CrsDetection.unknown(Outcome.NOT_A_HORIZONTAL_CRS,
                    "the .prj holds " + root.keyword() + " \"" + root.name() + "\", not a projected or geographic CRS"
                            + GIVE_CRS);
        }
        Wkt.Node crs = horizontal.get();
        Optional<Wkt.Authority> declared = crs.authority().filter(Wkt.Authority::isEpsg);
        if (declared.isPresent() && declared.get().numericCode().isPresent()) {
            return fromDeclaredCode(crs, declared.get());
        }
        return crs.is(PROJECTED) ? projected(crs) : geographic(crs);
    }

    // ---- finding the CRS -------------------------------------------------------------------------------------

    private static Optional<Wkt.Node> horizontalCrs(Wkt.Node node) {
        if (node.is(PROJECTED) || (node.is(GEOGRAPHIC) && !isCartesian(node))) {
            return Optional.of(node);
        }
        if (node.is(BOUND)) {
            return node.child("SOURCECRS").flatMap(source -> source.children().stream().findFirst())
                    .flatMap(PrjCrs::horizontalCrs);
        }
        if (node.is(COMPOUND)) {
            return node.children().stream().map(PrjCrs::horizontalCrs).flatMap(Optional::stream).findFirst();
        }
        return Optional.empty();
    }

    /** A WKT2 GEODCRS may be geocentric (CS[Cartesian,3]); that is no map CRS. */
    private static boolean isCartesian(Wkt.Node crs) {
        return crs.child("CS").map(cs -> cs.args().stream()
                .anyMatch(a -> a instanceof Wkt.Word w && w.value().equalsIgnoreCase("Cartesian"))).orElse(false);
    }

    private static CrsDetection fromDeclaredCode(Wkt.Node crs, Wkt.Authority declared) {
        int code = declared.numericCode().orElseThrow();
        String citation = citation(crs, declared);
        if (SupportedCrs.isSupported(code)) {
            return CrsDetection.detected(code, citation + " → EPSG:" + code + " (" + SupportedCrs.name(code) + ")");
        }
        DatumEvidence datum = datumOf(crs.is(PROJECTED) ? crs.child(BASE_GEOGRAPHIC).orElse(crs) : crs);
        if (datum.datum().isPresent() && !datum.datum().get().supported()) {
            return unsupportedDatum(datum, " (" + citation + ")");
        }
        return CrsDetection.unknown(Outcome.UNSUPPORTED_CODE, citation + ": EPSG:" + code
                + " is not supported (supported: CGCS2000 geographic and Gauss-Kruger, WGS 84 and UTM)" + GIVE_CRS);
    }

    private static String citation(Wkt.Node crs, Wkt.Authority declared) {
        String tag = crs.child("ID").isPresent() ? "ID[\"EPSG\"," + declared.code() + "]"
                : "AUTHORITY[\"EPSG\",\"" + declared.code() + "\"]";
        return tag + " on " + crs.keyword() + " \"" + crs.name() + "\"";
    }

    // ---- geographic ------------------------------------------------------------------------------------------

    private static CrsDetection geographic(Wkt.Node crs) {
        Optional<String> problem = nonGreenwichOrNonDegree(crs);
        if (problem.isPresent()) {
            return CrsDetection.unknown(Outcome.UNSUPPORTED_PARAMETERS, problem.get() + GIVE_CRS);
        }
        DatumEvidence datum = datumOf(crs);
        if (datum.datum().isEmpty() || !datum.datum().get().supported()) {
            return unsupportedDatum(datum, "");
        }
        int code = datum.datum().get() == GeodeticDatum.CGCS2000
                ? SupportedCrs.CGCS2000_GEOGRAPHIC : SupportedCrs.WGS84_GEOGRAPHIC;
        return CrsDetection.detected(code, source(crs, datum) + " (datum " + datum.namedAs() + ") → EPSG:" + code
                + " (" + SupportedCrs.name(code) + ", geographic)");
    }

    private static Optional<String> nonGreenwichOrNonDegree(Wkt.Node geographic) {
        OptionalDouble primeMeridian = geographic.child("PRIMEM").map(p -> p.number(0)).orElse(OptionalDouble.of(0));
        if (primeMeridian.isEmpty() || !Numbers.near(primeMeridian.getAsDouble(), 0, ANGLE_TOLERANCE_DEGREES)) {
            return Optional.of("the prime meridian is not Greenwich");
        }
        Optional<Wkt.Node> unit = geographic.child("UNIT", "ANGLEUNIT");
        if (unit.isPresent() && !isFactor(unit.get(), DEGREE_IN_RADIANS)) {
            return Optional.of("the angular unit \"" + unit.get().name() + "\" is not degree");
        }
        return Optional.empty();
    }

    // ---- datum -----------------------------------------------------------------------------------------------

    /** What the WKT calls its datum, and which datum that is (empty: not recognised). */
    private record DatumEvidence(Optional<GeodeticDatum> datum, String namedAs) {
    }

    /** By the datum's name; by the geographic CRS's name only when the datum has none (a named datum wins). */
    private static DatumEvidence datumOf(Wkt.Node geographic) {
        String datumName = geographic.child("DATUM", "ENSEMBLE").map(Wkt.Node::name).orElse("");
        String namedAs = datumName.isBlank() ? geographic.name() : datumName;
        return new DatumEvidence(GeodeticDatum.recognise(namedAs), namedAs);
    }

    private static CrsDetection unsupportedDatum(DatumEvidence datum, String context) {
        String reason = datum.datum()
                .map(d -> "datum " + d.displayName() + " not supported")
                .orElse("datum \"" + datum.namedAs() + "\" not recognised (supported: CGCS2000, WGS 84)");
        return CrsDetection.unknown(Outcome.UNSUPPORTED_DATUM, reason + context + GIVE_CRS);
    }

    // ---- projected -------------------------------------------------------------------------------------------

    private static CrsDetection projected(Wkt.Node crs) {
        Optional<Wkt.Node> base = crs.child(BASE_GEOGRAPHIC);
        if (base.isEmpty()) {
            return CrsDetection.unknown(Outcome.NOT_READABLE, crs.keyword() + " \"" + crs.name()
                    + "\" has no geographic base CRS" + GIVE_CRS);
        }
        DatumEvidence datum = datumOf(base.get());
        if (datum.datum().isEmpty() || !datum.datum().get().supported()) {
            return unsupportedDatum(datum, "");
        }
        Optional<Wkt.Node> conversion = crs.child("CONVERSION");
        Wkt.Node parameterHolder = conversion.orElse(crs);
        String method = conversion.flatMap(c -> c.child("METHOD", "PROJECTION")).or(() -> crs.child("PROJECTION"))
                .map(Wkt.Node::name).orElse("");
        if (!TRANSVERSE_MERCATOR_METHODS.contains(method.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""))) {
            return CrsDetection.unknown(Outcome.UNSUPPORTED_PROJECTION, "projection \"" + method
                    + "\" is not transverse Mercator / Gauss-Kruger" + GIVE_CRS);
        }
        Optional<String> unitProblem = nonGreenwichOrNonDegree(base.get()).or(() -> nonMetreUnit(crs));
        if (unitProblem.isPresent()) {
            return CrsDetection.unknown(Outcome.UNSUPPORTED_PARAMETERS, unitProblem.get() + GIVE_CRS);
        }
        ParameterReading reading = readParameters(parameterHolder);
        if (reading.problem().isPresent()) {
            return CrsDetection.unknown(Outcome.UNSUPPORTED_PARAMETERS, reading.problem().get() + GIVE_CRS);
        }
        String names = crs.name() + " " + conversion.map(Wkt.Node::name).orElse("");
        String source = source(crs, datum);
        return datum.datum().get() == GeodeticDatum.CGCS2000
                ? GaussKrugerMatch.match(reading.values(), names, source)
                : UtmMatch.match(reading.values(), source);
    }

    private static Optional<String> nonMetreUnit(Wkt.Node projected) {
        Optional<Wkt.Node> unit = projected.child("UNIT", "LENGTHUNIT")
                .or(() -> projected.find("AXIS").flatMap(axis -> axis.child("LENGTHUNIT", "UNIT")));
        if (unit.isPresent() && !isFactor(unit.get(), 1.0)) {
            return Optional.of("the linear unit \"" + unit.get().name() + "\" is not metre");
        }
        return Optional.empty();
    }

    private static boolean isFactor(Wkt.Node unit, double expected) {
        OptionalDouble factor = unit.number(0);
        return factor.isPresent() && Math.abs(factor.getAsDouble() / expected - 1) < UNIT_FACTOR_TOLERANCE;
    }

    private record ParameterReading(Map<TmParameter, Double> values, Optional<String> problem) {
    }

    private static ParameterReading readParameters(Wkt.Node holder) {
        Map<TmParameter, Double> values = new EnumMap<>(TmParameter.class);
        for (TmParameter p : TmParameter.values()) {
            values.put(p, p.defaultValue);
        }
        for (Wkt.Node parameter : holder.children("PARAMETER")) {
            Optional<TmParameter> which = TmParameter.named(parameter.name());
            OptionalDouble value = parameter.number(0);
            if (which.isEmpty() || value.isEmpty()) {
                return new ParameterReading(values, Optional.of("unexpected parameter \"" + parameter.name()
                        + "\" for transverse Mercator"));
            }
            values.put(which.get(), inDegreesOrMetres(parameter, value.getAsDouble()));
        }
        return new ParameterReading(values, Optional.empty());
    }

    /** WKT2 may give each parameter its own unit; WKT1 parameters are in the CRS's units (checked elsewhere). */
    private static double inDegreesOrMetres(Wkt.Node parameter, double value) {
        Optional<Wkt.Node> angle = parameter.child("ANGLEUNIT");
        if (angle.isPresent() && angle.get().number(0).isPresent() && !isFactor(angle.get(), DEGREE_IN_RADIANS)) {
            return value * angle.get().number(0).getAsDouble() / DEGREE_IN_RADIANS;
        }
        Optional<Wkt.Node> length = parameter.child("LENGTHUNIT", "SCALEUNIT");
        if (length.isPresent() && length.get().number(0).isPresent() && !isFactor(length.get(), 1.0)) {
            return value * length.get().number(0).getAsDouble();
        }
        return value;
    }

    /** "ESRI name X" when the WKT is ESRI's (its datum is called D_…), else the CRS's name in quotes. */
    private static String source(Wkt.Node crs, DatumEvidence datum) {
        boolean esri = datum.namedAs().regionMatches(true, 0, "D_", 0, 2);
        return esri ? "ESRI name " + crs.name() : crs.keyword() + " \"" + crs.name() + "\"";
    }

    /** Zone width (3 or 6 degrees) the CRS's name states, if it does. */
    static OptionalInt zoneWidthFromName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (THREE_DEGREE_NAME.matcher(n).find()) {
            return OptionalInt.of(3);
        }
        if (SIX_DEGREE_NAME.matcher(n).find() || GAUSS_KRUGER_CM_NAME.matcher(n).find()) {
            return OptionalInt.of(6);
        }
        return OptionalInt.empty();
    }

    // ---- CGCS2000 Gauss-Kruger -------------------------------------------------------------------------------

    private static final class GaussKrugerMatch {
        private GaussKrugerMatch() {
        }

        static CrsDetection match(Map<TmParameter, Double> p, String names, String source) {
            Optional<String> problem = commonProblems(p, GaussKrugerFamily.SCALE_FACTOR, 0, "Gauss-Kruger");
            if (problem.isPresent()) {
                return CrsDetection.unknown(Outcome.UNSUPPORTED_PARAMETERS, problem.get() + GIVE_CRS);
            }
            double falseEasting = p.get(TmParameter.FALSE_EASTING);
            double centralMeridian = p.get(TmParameter.CENTRAL_MERIDIAN);
            if (Numbers.near(falseEasting, GaussKrugerFamily.FALSE_EASTING_WITHOUT_PREFIX, LENGTH_TOLERANCE_METRES)) {
                return centralMeridianForm(centralMeridian, names, source);
            }
            return zonePrefixedForm(centralMeridian, falseEasting, source);
        }

        private static CrsDetection centralMeridianForm(double centralMeridian, String names, String source) {
            OptionalInt threeDegree = GaussKrugerFamily.CGCS2000_3_DEGREE_CM.epsgOfCentralMeridian(centralMeridian);
            OptionalInt sixDegree = GaussKrugerFamily.CGCS2000_6_DEGREE_CM.epsgOfCentralMeridian(centralMeridian);
            String parameters = "central meridian " + Numbers.format(centralMeridian) + ", false easting "
                    + Numbers.format(GaussKrugerFamily.FALSE_EASTING_WITHOUT_PREFIX);
            if (threeDegree.isEmpty()) {
                return CrsDetection.unknown(Outcome.UNSUPPORTED_PARAMETERS, "central meridian "
                        + Numbers.format(centralMeridian) + " is not a CGCS2000 Gauss-Kruger one (75, 78, …, 135)"
                        + GIVE_CRS);
            }
            OptionalInt widthFromName = zoneWidthFromName(names);
            boolean six = sixDegree.isPresent() && widthFromName.orElse(3) == 6;
            int code = six ? sixDegree.getAsInt() : threeDegree.getAsInt();
            String width = (six ? "6°" : "3°") + widthReason(sixDegree.isPresent(), widthFromName);
            return CrsDetection.detected(code, source + " → EPSG:" + code + " (" + SupportedCrs.name(code) + "; "
                    + parameters + "; " + width + ")");
        }

        private static String widthReason(boolean bothWidths, OptionalInt widthFromName) {
            if (!bothWidths) {
                return " (only a 3° zone has this central meridian)";
            }
            if (widthFromName.isEmpty()) {
                return " (3° and 6° share this central meridian and are the same projection; the name does not say"
                        + " which, taken as 3°)";
            }
            return " from the name";
        }

        private static CrsDetection zonePrefixedForm(double centralMeridian, double falseEasting, String source) {
            double zoneDigits = (falseEasting - GaussKrugerFamily.FALSE_EASTING_WITHOUT_PREFIX)
                    / GaussKrugerFamily.ZONE_PREFIX_UNIT;
            if (!Numbers.isWhole(zoneDigits)) {
                return CrsDetection.unknown(Outcome.UNSUPPORTED_PARAMETERS, "false easting "
                        + Numbers.format(falseEasting) + " is neither 500000 nor a zone number followed by 500000"
                        + GIVE_CRS);
            }
            int zone = (int) Math.round(zoneDigits);
            Optional<GaussKrugerFamily> family = Arrays.stream(GaussKrugerFamily.values())
                    .filter(f -> f.zonePrefixed() && f.hasZone(zone)).findFirst();
            if (family.isEmpty()) {
                return CrsDetection.unknown(Outcome.UNSUPPORTED_PARAMETERS, "false easting "
                        + Numbers.format(falseEasting) + " names zone " + zone
                        + ", which is neither a 3° zone (25–45) nor a 6° zone (13–23)" + GIVE_CRS);
            }
            double zoneMeridian = family.get().centralMeridianOfZone(zone);
            String width = family.get().widthDegrees() + "° zone " + zone;
            if (!Numbers.near(zoneMeridian, centralMeridian, ANGLE_TOLERANCE_DEGREES)) {
                return CrsDetection.unknown(Outcome.UNSUPPORTED_PARAMETERS, "false easting "
                        + Numbers.format(falseEasting) + " says " + width + " (central meridian "
                        + Numbers.format(zoneMeridian) + ") but the central meridian is "
                        + Numbers.format(centralMeridian) + GIVE_CRS);
            }
            int code = family.get().epsgOfZone(zone);
            return CrsDetection.detected(code, source + " → EPSG:" + code + " (" + SupportedCrs.name(code)
                    + "; central meridian " + Numbers.format(centralMeridian) + ", false easting "
                    + Numbers.format(falseEasting) + " = " + width + " prefix)");
        }
    }

    /** Latitude of origin 0, the expected scale factor and false northing; empty when all are right. */
    private static Optional<String> commonProblems(Map<TmParameter, Double> p, double scale, double falseNorthing,
                                                   String system) {
        double k = p.get(TmParameter.SCALE_FACTOR);
        if (!Numbers.near(k, scale, SCALE_TOLERANCE)) {
            return Optional.of("scale factor " + Numbers.format(k) + " is not " + Numbers.format(scale) + " as "
                    + system + " uses");
        }
        double latitudeOfOrigin = p.get(TmParameter.LATITUDE_OF_ORIGIN);
        if (!Numbers.near(latitudeOfOrigin, 0, ANGLE_TOLERANCE_DEGREES)) {
            return Optional.of("latitude of origin " + Numbers.format(latitudeOfOrigin) + " is not 0");
        }
        double fn = p.get(TmParameter.FALSE_NORTHING);
        if (!Numbers.near(fn, falseNorthing, LENGTH_TOLERANCE_METRES)) {
            return Optional.of("false northing " + Numbers.format(fn) + " is not " + Numbers.format(falseNorthing));
        }
        return Optional.empty();
    }

    // ---- WGS 84 / UTM ----------------------------------------------------------------------------------------

    private static final class UtmMatch {
        private UtmMatch() {
        }

        static CrsDetection match(Map<TmParameter, Double> p, String source) {
            boolean south = Numbers.near(p.get(TmParameter.FALSE_NORTHING), SupportedCrs.UTM_SOUTH_FALSE_NORTHING,
                    LENGTH_TOLERANCE_METRES);
            Optional<String> problem = commonProblems(p, SupportedCrs.UTM_SCALE_FACTOR,
                    south ? SupportedCrs.UTM_SOUTH_FALSE_NORTHING : 0, "UTM on WGS 84");
            if (problem.isPresent()) {
                return CrsDetection.unknown(Outcome.UNSUPPORTED_PARAMETERS, problem.get() + GIVE_CRS);
            }
            double falseEasting = p.get(TmParameter.FALSE_EASTING);
            if (!Numbers.near(falseEasting, SupportedCrs.UTM_FALSE_EASTING, LENGTH_TOLERANCE_METRES)) {
                return CrsDetection.unknown(Outcome.UNSUPPORTED_PARAMETERS, "false easting "
                        + Numbers.format(falseEasting) + " is not UTM's 500000" + GIVE_CRS);
            }
            double centralMeridian = p.get(TmParameter.CENTRAL_MERIDIAN);
            OptionalInt zone = SupportedCrs.utmZoneOfCentralMeridian(centralMeridian);
            if (zone.isEmpty()) {
                return CrsDetection.unknown(Outcome.UNSUPPORTED_PARAMETERS, "central meridian "
                        + Numbers.format(centralMeridian) + " is not a UTM one (6·zone − 183)" + GIVE_CRS);
            }
            int code = SupportedCrs.utmEpsg(zone.getAsInt(), south);
            return CrsDetection.detected(code, source + " → EPSG:" + code + " (" + SupportedCrs.name(code)
                    + "; central meridian " + Numbers.format(centralMeridian) + ", scale factor 0.9996"
                    + (south ? ", false northing 10000000" : "") + ")");
        }
    }
}
