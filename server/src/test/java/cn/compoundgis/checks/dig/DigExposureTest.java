package cn.compoundgis.checks.dig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** "Will be exposed" against the dig depth, with the depth uncertainty between will and will not. */
class DigExposureTest {
    @Test
    void exposureDependsOnTheTopOfThePipeTheDigDepthAndTheUncertainty() {
        assertThat(DigEvaluator.exposure(1.2, 0.09, 1.5)).isEqualTo("will_be_exposed");
        assertThat(DigEvaluator.exposure(1.5, 0.09, 1.5)).isEqualTo("will_be_exposed");
        assertThat(DigEvaluator.exposure(1.55, 0.09, 1.5)).isEqualTo("may_be_exposed");
        assertThat(DigEvaluator.exposure(1.7, 0.09, 1.5)).isEqualTo("below_dig_depth");
        assertThat(DigEvaluator.exposure(null, 0.09, 1.5)).isEqualTo("depth_unknown");
        assertThat(DigEvaluator.exposure(1.2, 0.09, null)).isNull();
    }
}
