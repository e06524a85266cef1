package cn.compoundgis.survey.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

class LocalGridTest {
    private static final double MICROMETRE = 1e-6;
    /** A made-up city grid whose origin lies ~35 km west and ~42 km south of a Hefei compound. */
    private static final LocalGrid HEFEI_CITY = new LocalGrid("hefei-city", 4548, 488_000.123, 3_483_000.456,
            1234.5, 35.2);
    /** Local coordinates of four corners of a compound about 1 km across. */
    private static final double[][] CORNERS = {{35_000, 42_000}, {36_050, 42_020}, {36_030, 43_010}, {34_980, 42_990}};

    @Test
    void followsTheDocumentedFormulaWithCounterClockwiseRotation() {
        LocalGrid quarterTurn = new LocalGrid("q", 4548, 500_000, 3_500_000, 90 * 3600, 0);

        Coordinate east = quarterTurn.toTarget(1000, 0);

        assertThat(east.x).isCloseTo(500_000, within(MICROMETRE));
        assertThat(east.y).isCloseTo(3_501_000, within(MICROMETRE));
        LocalGrid doubled = new LocalGrid("s", 4548, 0, 0, 0, 1_000_000);
        assertThat(doubled.scaleFactor()).isEqualTo(2.0);
        assertThat(doubled.toTarget(10, 20)).isEqualTo(new Coordinate(20, 40));
    }

    @Test
    void roundTripsThroughTheTargetAndBack() {
        for (double[] p : CORNERS) {
            Coordinate target = HEFEI_CITY.toTarget(p[0], p[1]);
            Coordinate back = HEFEI_CITY.toLocal(target.x, target.y);

            assertThat(back.x).isCloseTo(p[0], within(MICROMETRE));
            assertThat(back.y).isCloseTo(p[1], within(MICROMETRE));
        }
    }

    @Test
    void surveyorsParametersInXIsNorthingOrderMeanTheSameTransformation() {
        double dX = 3_483_000.456;
        double dY = 488_000.123;
        double alphaClockwiseArcSeconds = -1234.5;
        double m = 35.2e-6;
        LocalGrid fromSurveyors = LocalGrid.fromSurveyorsParameters("s", 4548, dX, dY, alphaClockwiseArcSeconds, 35.2);

        assertThat(fromSurveyors).isEqualTo(new LocalGrid("s", 4548, 488_000.123, 3_483_000.456, 1234.5, 35.2));
        double localX = 42_000;
        double localY = 35_000;
        double alpha = alphaClockwiseArcSeconds / 3600 * Math.PI / 180;
        double surveyorsX = dX + (1 + m) * (localX * Math.cos(alpha) - localY * Math.sin(alpha));
        double surveyorsY = dY + (1 + m) * (localX * Math.sin(alpha) + localY * Math.cos(alpha));
        Coordinate ours = fromSurveyors.toTarget(localY, localX);
        assertThat(ours.x).isCloseTo(surveyorsY, within(MICROMETRE));
        assertThat(ours.y).isCloseTo(surveyorsX, within(MICROMETRE));
    }

    @Test
    void twoPairsDetermineTheParametersExactly() {
        List<ControlPoint> pairs = pairsFrom(HEFEI_CITY, new double[][] {CORNERS[0], CORNERS[2]}, noNoise(2));

        LocalGridFit fit = LocalGrid.fit(pairs);

        assertThat(fit.shiftEastingMetres()).isCloseTo(HEFEI_CITY.shiftEastingMetres(), within(1e-5));
        assertThat(fit.shiftNorthingMetres()).isCloseTo(HEFEI_CITY.shiftNorthingMetres(), within(1e-5));
        assertThat(fit.rotationArcSeconds()).isCloseTo(HEFEI_CITY.rotationArcSeconds(), within(1e-6));
        assertThat(fit.scalePpm()).isCloseTo(HEFEI_CITY.scalePpm(), within(1e-4));
        assertThat(fit.residuals()).allSatisfy(r -> assertThat(r.planMetres()).isLessThan(MICROMETRE));
        assertThat(fit.rmsMetres()).isLessThan(MICROMETRE);
        assertThat(fit.warnings()).singleElement().asString().contains("2 control points");
        LocalGrid grid = fit.asGrid("fitted", 4548);
        assertThat(grid.toTarget(CORNERS[1][0], CORNERS[1][1]).distance(HEFEI_CITY.toTarget(CORNERS[1][0],
                CORNERS[1][1]))).isLessThan(MICROMETRE);
    }

    @Test
    void fourNoisyPairsRecoverTheParametersAndReportTheResiduals() {
        double[][] noise = {{0.004, -0.002}, {-0.003, 0.001}, {0.002, 0.003}, {-0.001, -0.004}};
        List<ControlPoint> pairs = pairsFrom(HEFEI_CITY, CORNERS, noise);

        LocalGridFit fit = LocalGrid.fit(pairs);

        // the least-squares solution, found independently from the 8×4 normal equations
        double[] expected = leastSquaresByNormalEquations(pairs);
        assertThat(fit.shiftEastingMetres()).isCloseTo(expected[0], within(1e-4));
        assertThat(fit.shiftNorthingMetres()).isCloseTo(expected[1], within(1e-4));
        double a = (1 + fit.scalePpm() * 1e-6) * Math.cos(fit.rotationArcSeconds() / 206264.80624709636);
        double b = (1 + fit.scalePpm() * 1e-6) * Math.sin(fit.rotationArcSeconds() / 206264.80624709636);
        assertThat(a).isCloseTo(expected[2], within(1e-10));
        assertThat(b).isCloseTo(expected[3], within(1e-10));
        // close to the truth: a few millimetres of noise over a kilometre
        assertThat(fit.rotationArcSeconds()).isCloseTo(HEFEI_CITY.rotationArcSeconds(), within(2.0));
        assertThat(fit.scalePpm()).isCloseTo(HEFEI_CITY.scalePpm(), within(10.0));
        Coordinate centre = new Coordinate(35_515, 42_505);
        assertThat(fit.asGrid("f", 4548).toTarget(centre.x, centre.y)
                .distance(HEFEI_CITY.toTarget(centre.x, centre.y))).isLessThan(0.003);
        // residuals: fitted minus given, one per pair, in order, summing to zero; RMS and max from them
        assertThat(fit.residuals()).extracting(LocalGridFit.Residual::name).containsExactly("P1", "P2", "P3", "P4");
        for (int i = 0; i < pairs.size(); i++) {
            ControlPoint p = pairs.get(i);
            Coordinate fitted = fit.asGrid("f", 4548).toTarget(p.localEasting(), p.localNorthing());
            LocalGridFit.Residual r = fit.residuals().get(i);
            assertThat(r.eastingMetres()).isCloseTo(fitted.x - p.targetEasting(), within(1e-6));
            assertThat(r.northingMetres()).isCloseTo(fitted.y - p.targetNorthing(), within(1e-6));
            assertThat(r.planMetres()).isCloseTo(Math.hypot(r.eastingMetres(), r.northingMetres()), within(1e-12));
        }
        assertThat(fit.residuals().stream().mapToDouble(LocalGridFit.Residual::eastingMetres).sum())
                .isCloseTo(0, within(1e-6));
        double sumOfSquares = fit.residuals().stream().mapToDouble(r -> r.planMetres() * r.planMetres()).sum();
        assertThat(fit.rmsMetres()).isCloseTo(Math.sqrt(sumOfSquares / 4), within(1e-12));
        assertThat(fit.rmsMetres()).isBetween(0.001, 0.005);
        assertThat(fit.maxResidualMetres()).isEqualTo(fit.residuals().stream()
                .mapToDouble(LocalGridFit.Residual::planMetres).max().orElseThrow());
        assertThat(fit.warnings()).isEmpty();
    }

    @Test
    void pairsWithXAndYSwappedOnOneSideGetAWarningAndLargeResiduals() {
        List<ControlPoint> pairs = new ArrayList<>();
        for (ControlPoint p : pairsFrom(HEFEI_CITY, CORNERS, noNoise(4))) {
            pairs.add(new ControlPoint(p.name(), p.localNorthing(), p.localEasting(), p.targetEasting(),
                    p.targetNorthing()));
        }

        LocalGridFit fit = LocalGrid.fit(pairs);

        assertThat(fit.maxResidualMetres()).isGreaterThan(100);
        assertThat(fit.warnings()).anySatisfy(w -> assertThat(w).contains("not swapped"));
    }

    @Test
    void refusesTooFewOrCoincidentPoints() {
        List<ControlPoint> four = pairsFrom(HEFEI_CITY, CORNERS, noNoise(4));
        ControlPoint p1 = four.get(0);
        ControlPoint p1Again = new ControlPoint("P1bis", p1.localEasting() + 0.0004, p1.localNorthing(),
                p1.targetEasting() + 7, p1.targetNorthing());
        ControlPoint sameTarget = new ControlPoint("P9", 40_000, 40_000, p1.targetEasting(), p1.targetNorthing());

        assertThatThrownBy(() -> LocalGrid.fit(List.of())).hasMessageContaining("at least 2 control-point pairs")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> LocalGrid.fit(null)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> LocalGrid.fit(List.of(p1))).hasMessageContaining("got 1");
        assertThatThrownBy(() -> LocalGrid.fit(List.of(p1, p1Again)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("control points P1 and P1bis coincide in the local system; coincident points fix no"
                        + " rotation or scale: remove one, or give distinct points");
        assertThatThrownBy(() -> LocalGrid.fit(List.of(four.get(1), p1, four.get(2), p1Again)))
                .hasMessageContaining("P1 and P1bis coincide in the local system");
        assertThatThrownBy(() -> LocalGrid.fit(List.of(p1, sameTarget)))
                .hasMessageContaining("P1 and P9 coincide in the target system");
        assertThatThrownBy(() -> new ControlPoint("bad", Double.NaN, 0, 0, 0)).hasMessageContaining("not a number");
    }

    @Test
    void refusesAGridWithoutNameOrProjectedTarget() {
        assertThatThrownBy(() -> new LocalGrid(" ", 4548, 0, 0, 0, 0)).hasMessageContaining("name");
        assertThatThrownBy(() -> new LocalGrid("g", 4490, 0, 0, 0, 0)).hasMessageContaining("projected CRS");
        assertThatThrownBy(() -> new LocalGrid("g", 4548, 0, 0, 0, -1_000_000)).hasMessageContaining("positive");
    }

    @Test
    void transformsEveryVertexOfAGeometryAndKeepsZ() {
        GeometryFactory factory = new GeometryFactory();
        LineString pipe = factory.createLineString(new Coordinate[] {
            new Coordinate(35_000, 42_000, 12.345), new Coordinate(35_040, 42_030, 12.105),
            new Coordinate(35_080, 42_030, 11.9)});

        Geometry target = HEFEI_CITY.toTarget(pipe);

        assertThat(target.getSRID()).isEqualTo(4548);
        assertThat(target.getNumPoints()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            Coordinate local = pipe.getCoordinateN(i);
            Coordinate moved = target.getCoordinates()[i];
            Coordinate expected = HEFEI_CITY.toTarget(local.x, local.y);
            assertThat(moved.x).isEqualTo(expected.x);
            assertThat(moved.y).isEqualTo(expected.y);
            assertThat(moved.getZ()).isEqualTo(local.getZ());
        }
        assertThat(pipe.getCoordinateN(0).x).as("the input is not changed").isEqualTo(35_000);
        assertThat(target.getLength()).isCloseTo(pipe.getLength() * HEFEI_CITY.scaleFactor(), within(1e-9));
        Geometry back = HEFEI_CITY.toLocal(target);
        assertThat(back.getSRID()).isZero();
        assertThat(back.equalsExact(pipe, 1e-6)).isTrue();
        assertThat(back.getCoordinates()[2].getZ()).isEqualTo(11.9);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static List<ControlPoint> pairsFrom(LocalGrid grid, double[][] local, double[][] noise) {
        List<ControlPoint> pairs = new ArrayList<>();
        for (int i = 0; i < local.length; i++) {
            Coordinate target = grid.toTarget(local[i][0], local[i][1]);
            pairs.add(new ControlPoint("P" + (i + 1), local[i][0], local[i][1], target.x + noise[i][0],
                    target.y + noise[i][1]));
        }
        return pairs;
    }

    private static double[][] noNoise(int n) {
        return new double[n][2];
    }

    /**
     * Solves E' = e + a·E − b·N, N' = f + b·E + a·N for (e, f, a, b) from the normal equations AᵀA·x = Aᵀl, with
     * coordinates reduced by the first point for conditioning (then restored).
     */
    private static double[] leastSquaresByNormalEquations(List<ControlPoint> pairs) {
        double e0 = pairs.get(0).localEasting();
        double n0 = pairs.get(0).localNorthing();
        double[][] normal = new double[4][4];
        double[] rhs = new double[4];
        for (ControlPoint p : pairs) {
            double e = p.localEasting() - e0;
            double n = p.localNorthing() - n0;
            double[][] rows = {{1, 0, e, -n}, {0, 1, n, e}};
            double[] observed = {p.targetEasting(), p.targetNorthing()};
            for (int r = 0; r < 2; r++) {
                for (int i = 0; i < 4; i++) {
                    rhs[i] += rows[r][i] * observed[r];
                    for (int j = 0; j < 4; j++) {
                        normal[i][j] += rows[r][i] * rows[r][j];
                    }
                }
            }
        }
        double[] x = gauss(normal, rhs);
        double a = x[2];
        double b = x[3];
        return new double[] {x[0] - a * e0 + b * n0, x[1] - b * e0 - a * n0, a, b};
    }

    private static double[] gauss(double[][] m, double[] v) {
        int n = v.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] row = m[col];
            m[col] = m[pivot];
            m[pivot] = row;
            double t = v[col];
            v[col] = v[pivot];
            v[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c < n; c++) {
                    m[r][c] -= f * m[col][c];
                }
                v[r] -= f * v[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = v[r];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
