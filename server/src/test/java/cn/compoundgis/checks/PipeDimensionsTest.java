package cn.compoundgis.checks;

import static cn.compoundgis.checks.TestPipes.pipe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Outer size from the wall-thickness assumption, and the depth convention: invert for drainage, top otherwise. */
class PipeDimensionsTest {
    private final PipeDimensions dims = CheckRules.defaults().dimensions();
    private final SurveyUncertainty uncertainty = CheckRules.defaults().uncertainty();

    @Test
    void wallThicknessFollowsTheMaterial() {
        assertThat(dims.wallM(600, "钢筋混凝土")).isCloseTo(0.060, within(1e-9));
        assertThat(dims.wallM(400, "HDPE双壁波纹管")).isCloseTo(0.032, within(1e-9));
        assertThat(dims.wallM(300, "球墨铸铁")).isCloseTo(0.0099, within(1e-9));
        assertThat(dims.wallM(200, "钢")).isCloseTo(0.005, within(1e-9)).as("the minimum wall");
        assertThat(dims.wallM(500, null)).isCloseTo(0.05, within(1e-9)).as("default ratio");
        assertThat(dims.status()).isEqualTo("unconfirmed");
    }

    @Test
    void aDrainIsSurveyedToItsInvertSoItsOuterTopIsAboveByDnAndAWall() {
        Pipe rain = pipe("YS").dn(400).material("HDPE").depth(2.0).build();
        PipeDimensions.Extent e = dims.extent(rain, 2.0);
        assertThat(e.top()).isCloseTo(2.0 - 0.4 - 0.032, within(1e-9));
        assertThat(e.bottom()).isCloseTo(2.032, within(1e-9));
        assertThat(dims.outerWidthM(rain)).isCloseTo(0.464, within(1e-9));
    }

    @Test
    void aPressurePipeIsSurveyedToItsTopSoItsBottomIsBelowByTheOuterSize() {
        Pipe water = pipe("JS").dn(200).material("球墨铸铁").depth(1.1).build();
        PipeDimensions.Extent e = dims.extent(water, 1.1);
        assertThat(e.top()).isEqualTo(1.1);
        assertThat(e.bottom()).isCloseTo(1.1 + 0.2 + 2 * 0.0066, within(1e-9));
    }

    @Test
    void boxesAreOuterDimensionsAndAPipeWithoutSizeIsALine() {
        Pipe duct = pipe("DL").box(600, 400).depth(0.7).build();
        assertThat(dims.outerWidthM(duct)).isEqualTo(0.6);
        assertThat(dims.extent(duct, 0.7).bottom()).isCloseTo(1.1, within(1e-9));
        Pipe culvert = pipe("YS").box(1000, 800).material("混凝土").depth(2.0).build();
        assertThat(dims.extent(culvert, 2.0).top()).isCloseTo(2.0 + 0.08 - 0.8, within(1e-9));
        Pipe unknown = pipe("TX").depth(0.5).build();
        assertThat(dims.sizeKnown(unknown)).isFalse();
        assertThat(dims.extent(unknown, 0.5).bottom()).isEqualTo(0.5);
    }

    @Test
    void depthsAreInterpolatedAlongThePipe() {
        Pipe p = pipe("YS").dn(300).depths(1.0, 2.0).build();
        assertThat(p.depthAt(0.25).getAsDouble()).isEqualTo(1.25);
        assertThat(pipe("YS").dn(300).build().depthAt(0.5)).isEmpty();
    }

    @Test
    void surveyUncertaintyGrowsWithDepthForHiddenPointsAndIsZeroForDesign() {
        Pipe hidden = pipe("JS").dn(100).depth(3.0).build();
        assertThat(uncertainty.planM(hidden, 3.0)).isCloseTo(0.15, within(1e-9));
        assertThat(uncertainty.depthM(hidden, 3.0)).isCloseTo(0.225, within(1e-9));
        assertThat(uncertainty.planM(hidden, 0.6)).as("h < 1 m counts as 1 m").isCloseTo(0.05, within(1e-9));
        Pipe visible = pipe("YS").dn(400).visible().build();
        assertThat(uncertainty.depthM(visible, 2.0)).isEqualTo(0.025);
        assertThat(uncertainty.depthM(visible, 3.0)).as("deeper than 2.5 m: as hidden").isCloseTo(0.225, within(1e-9));
        assertThat(uncertainty.planM(pipe("YS").dn(400).design().build(), 2.0)).isZero();
        assertThat(SurveyUncertainty.combined(0.03, 0.04)).isCloseTo(0.05, within(1e-12));
    }
}
