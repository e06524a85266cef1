package cn.compoundgis.survey.crs;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.survey.crs.CoordinateTell.Kind;
import cn.compoundgis.survey.crs.CoordinateTell.Severity;
import cn.compoundgis.survey.crs.CoordinateTells.CoordinateCheck;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * A compound in Hefei (117.25–117.27°E, 31.85–31.87°N); its corners in EPSG:4548 come from GDAL's gdaltransform
 * (523661.697, 3525246.850) and (525549.122, 3527469.081).
 */
class CoordinateTellsTest {
    private static final Envelope HEFEI_4548 = new Envelope(523661.697, 525549.122, 3525246.850, 3527469.081);
    private static final Envelope HEFEI_4527 = new Envelope(39523661.697, 39525549.122, 3525246.850, 3527469.081);
    private static final Envelope HEFEI_LON_LAT = new Envelope(117.25, 117.27, 31.85, 31.87);
    /** Shenzhen, 113.95°E 22.54°N, in EPSG:4547 (CM 114E): northings below 2.5 million. */
    private static final Envelope SHENZHEN_4547 = new Envelope(494850, 495900, 2493300, 2494400);

    @Test
    void coordinatesThatFitTheirCrsSaySo() {
        for (var fit : new Object[][] {{HEFEI_4548, 4548}, {HEFEI_4527, 4527}, {HEFEI_LON_LAT, 4490},
            {HEFEI_LON_LAT, 4326}, {HEFEI_4548, 4509}, {HEFEI_4548, 32650}, {SHENZHEN_4547, 4547}}) {
            CoordinateCheck check = CoordinateTells.check((Envelope) fit[0], (Integer) fit[1]);

            assertThat(check.fits()).as("EPSG:" + fit[1] + " " + check.tells()).isTrue();
            assertThat(check.tells()).hasSize(1);
            assertThat(check.worstSeverity()).isEqualTo(Severity.INFO);
        }
        assertThat(CoordinateTells.check(HEFEI_4548, 4548).tells().get(0).message()).isEqualTo("coordinates at"
                + " 117.250–117.270°E, 31.850–31.870°N lie in China and in the zone 115.5–118.5°E, as EPSG:4548 expects");
    }

    @Test
    void pointsFarFromTheCentralMeridianAreOutsideTheZone() {
        // 114.60–114.62°E (corners 114.599–114.621°E) in EPSG:4548 (CM 117E, zone 115.5–118.5°E), by gdaltransform: a 6° CM 117E survey
        Envelope westOfZone = new Envelope(272818.372, 274760.713, 3527731.342, 3529908.175);

        CoordinateCheck check = CoordinateTells.check(westOfZone, 4548);

        assertThat(check.fits()).isFalse();
        CoordinateTell tell = check.tells().get(0);
        assertThat(tell.kind()).isEqualTo(Kind.OUTSIDE_ZONE);
        assertThat(tell.severity()).isEqualTo(Severity.WARNING);
        assertThat(tell.message()).isEqualTo("read as EPSG:4548, the coordinates lie at 114.599–114.621°E,"
                + " 31.850–31.870°N, outside the zone 115.5–118.5°E by more than 0.5°: check the central meridian");
        assertThat(CoordinateTells.check(westOfZone, 4509).fits()).isTrue();
    }

    @Test
    void aWrongCentralMeridianCannotBeSeenInTheNumbers() {
        // The same eastings and northings read with CM 120E land 3° east, still in China and in that zone:
        // only a comparison with where the compound is can catch this.
        assertThat(CoordinateTells.check(HEFEI_4548, 4549).fits()).isTrue();
    }

    @Test
    void zonePrefixedNumbersClaimedAsACentralMeridianFormAreOutsideChinaAndTheRightCodeIsSuggested() {
        CoordinateCheck check = CoordinateTells.check(HEFEI_4527, 4548);

        assertThat(check.fits()).isFalse();
        assertThat(check.tells()).extracting(CoordinateTell::kind).containsExactly(Kind.OUTSIDE_CHINA,
                Kind.LOOKS_ZONE_PREFIXED);
        assertThat(check.worstSeverity()).isEqualTo(Severity.ERROR);
        assertThat(check.suggestedEpsg()).contains(4527);
    }

    @Test
    void centralMeridianNumbersClaimedAsZonePrefixedAreOutsideChina() {
        CoordinateCheck check = CoordinateTells.check(HEFEI_4548, 4527);

        assertThat(check.has(Kind.OUTSIDE_CHINA)).isTrue();
        assertThat(check.tells().get(1).kind()).isEqualTo(Kind.LOOKS_CENTRAL_MERIDIAN_FORM);
    }

    @Test
    void projectedNumbersClaimedAsGeographicAreOutsideChina() {
        CoordinateCheck check = CoordinateTells.check(HEFEI_4548, 4490);

        assertThat(check.has(Kind.OUTSIDE_CHINA)).isTrue();
        assertThat(check.tells().get(0).message()).contains("read as EPSG:4490");
    }

    @Test
    void northingsInTheEastingSlotAreCalledSwappedAndTheExchangedFitIsShown() {
        Envelope swapped = exchanged(HEFEI_4548);

        CoordinateCheck check = CoordinateTells.check(swapped, 4548);

        assertThat(check.axesLookSwapped()).isTrue();
        assertThat(check.fits()).isFalse();
        CoordinateTell tell = check.tells().get(0);
        assertThat(tell.kind()).isEqualTo(Kind.AXES_SWAPPED);
        assertThat(tell.message()).startsWith("X holds northing-like values (3525247–3527469) and Y easting-like"
                + " values (523662–525549): X and Y look swapped")
                .endsWith("exchanged, they lie at 117.250–117.270°E, 31.850–31.870°N in China and in the zone"
                        + " 115.5–118.5°E, as EPSG:4548 expects");
    }

    @Test
    void swappedZonePrefixedAndSouthernNumbersAreSeenToo() {
        assertThat(CoordinateTells.check(exchanged(HEFEI_4527), 4527).axesLookSwapped()).isTrue();
        assertThat(CoordinateTells.check(exchanged(SHENZHEN_4547), 4547).axesLookSwapped()).isTrue();
        assertThat(CoordinateTells.check(exchanged(HEFEI_LON_LAT), 4490).axesLookSwapped()).isTrue();
        assertThat(CoordinateTells.check(exchanged(HEFEI_LON_LAT), 4490).tells().get(0).message())
                .startsWith("X holds latitudes (31.8500–31.8700) and Y longitudes (117.2500–117.2700)");
    }

    @Test
    void codesWithoutAKnownAreaAndEmptyLayersAreNotChecked() {
        assertThat(CoordinateTells.check(HEFEI_4548, 2385).tells()).extracting(CoordinateTell::kind)
                .containsExactly(Kind.NOT_CHECKABLE);
        assertThat(CoordinateTells.check(new Envelope(), 4548).tells()).extracting(CoordinateTell::kind)
                .containsExactly(Kind.NOT_CHECKABLE);
    }

    // ---- suggestions when no CRS is known ---------------------------------------------------------------------

    @Test
    void eightDigitEastingsNameTheirZone() {
        CoordinateTell threeDegree = CoordinateTells.suggest(HEFEI_4527).tells().get(0);
        CoordinateTell sixDegree = CoordinateTells.suggest(new Envelope(19510000, 19512000, 3300000, 3302000))
                .tells().get(0);

        assertThat(threeDegree.kind()).isEqualTo(Kind.LOOKS_ZONE_PREFIXED);
        assertThat(threeDegree.suggestedEpsg()).isEqualTo(4527);
        assertThat(threeDegree.message()).isEqualTo("8-digit eastings starting 39 (39523662–39525549)"
                + " → zone-prefixed 3° zone 39, EPSG:4527");
        assertThat(sixDegree.suggestedEpsg()).isEqualTo(4497);
        assertThat(sixDegree.message()).contains("6° zone 19");
    }

    @Test
    void sixDigitEastingsAskForTheCentralMeridian() {
        CoordinateTell tell = CoordinateTells.suggest(HEFEI_4548).tells().get(0);

        assertThat(tell.kind()).isEqualTo(Kind.LOOKS_CENTRAL_MERIDIAN_FORM);
        assertThat(tell.suggestedEpsg()).isNull();
        assertThat(tell.message()).startsWith("6-digit eastings near 500000 (523662–525549) → a central-meridian"
                + " form").endsWith("give the central meridian");
    }

    @Test
    void sixDigitEastingsForAKnownCompoundAreSuggestedItsZoneWhenTheyLieThere() {
        CoordinateTell tell = CoordinateTells.suggestNear(HEFEI_4548, "H001", new Coordinate(117.26, 31.86)).orElseThrow();
        assertThat(tell.kind()).isEqualTo(Kind.FITS_COMPOUND_ZONE);
        assertThat(tell.suggestedEpsg()).isEqualTo(4548);
        assertThat(tell.message()).contains("3° zone of H001", "117°E", "EPSG:4548").containsPattern("lies 0(\\.\\d)? km");

        assertThat(CoordinateTells.suggestNear(HEFEI_4548, "X001", new Coordinate(120.0, 31.86)))
                .as("read in the zone of a compound at 120°E the numbers lie 25 km from it: not its zone").isEmpty();
        assertThat(CoordinateTells.suggestNear(HEFEI_4527, "H001", new Coordinate(117.26, 31.86)))
                .as("zone-prefixed numbers name their zone themselves").isEmpty();
    }

    @Test
    void degreesInChinaAreGeographic() {
        CoordinateTell tell = CoordinateTells.suggest(HEFEI_LON_LAT).tells().get(0);

        assertThat(tell.kind()).isEqualTo(Kind.LOOKS_GEOGRAPHIC);
        assertThat(tell.suggestedEpsg()).isEqualTo(4490);
        assertThat(tell.message()).startsWith("values within ±180/±90");
    }

    @Test
    void swappedNumbersAreSuggestedAfterExchangingThem() {
        CoordinateCheck check = CoordinateTells.suggest(exchanged(HEFEI_4527));

        assertThat(check.tells()).extracting(CoordinateTell::kind).containsExactly(Kind.AXES_SWAPPED,
                Kind.LOOKS_ZONE_PREFIXED);
        assertThat(check.tells().get(1).message()).startsWith("with X and Y exchanged: 8-digit eastings starting 39");
        assertThat(check.suggestedEpsg()).contains(4527);
    }

    @Test
    void numbersOfNoNationalSystemPointToALocalGrid() {
        for (Envelope local : new Envelope[] {new Envelope(35000, 36000, 42000, 43500),
            new Envelope(24500000, 24502000, 3300000, 3302000), new Envelope(520000, 521000, 1000, 2000)}) {
            CoordinateTell tell = CoordinateTells.suggest(local).tells().get(0);

            assertThat(tell.kind()).as(local.toString()).isEqualTo(Kind.LOOKS_LOCAL_OR_UNKNOWN);
            assertThat(tell.message()).contains("local city grid");
        }
    }

    private static Envelope exchanged(Envelope e) {
        return new Envelope(e.getMinY(), e.getMaxY(), e.getMinX(), e.getMaxX());
    }
}
