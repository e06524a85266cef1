package cn.compoundgis.checks.clearance;

import static cn.compoundgis.checks.TestPipes.pipe;
import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.checks.CheckRules;
import cn.compoundgis.checks.TestPipes;
import org.junit.jupiter.api.Test;

/** GB 50289's avoidance order, criterion by criterion: the first that tells two pipes apart decides. */
class YieldOrderTest {
    private final ClearanceRules rules = CheckRules.defaults().clearance();

    private YieldOrder.Decision decide(TestPipes a, TestPipes b) {
        return rules.whoYields(a.build(), b.build()).orElse(null);
    }

    @Test
    void pressureYieldsToGravity() {
        assertThat(decide(pipe("JS").dn(600).material("球墨铸铁"), pipe("WS").dn(300).material("HDPE")))
                .isEqualTo(new YieldOrder.Decision("a", "pressure_yields_to_gravity"));
    }

    @Test
    void flexibleYieldsToRigid() {
        assertThat(decide(pipe("JS").dn(200).material("球墨铸铁"), pipe("RQ").dn(110).material("PE")))
                .isEqualTo(new YieldOrder.Decision("b", "flexible_yields_to_rigid"));
        assertThat(decide(pipe("DL").dn(100), pipe("JS").dn(100).material("钢管")))
                .isEqualTo(new YieldOrder.Decision("a", "flexible_yields_to_rigid"));
    }

    @Test
    void branchYieldsToTrunk() {
        assertThat(decide(pipe("JS").dn(200).material("球墨铸铁").role("trunk"), pipe("JS").dn(300).material("球墨铸铁").role("支管")))
                .isEqualTo(new YieldOrder.Decision("b", "branch_yields_to_trunk"));
    }

    @Test
    void smallYieldsToLarge() {
        assertThat(decide(pipe("YS").dn(600).material("钢筋混凝土"), pipe("WS").dn(300).material("钢筋混凝土")))
                .isEqualTo(new YieldOrder.Decision("b", "small_yields_to_large"));
    }

    @Test
    void temporaryYieldsToPermanent() {
        assertThat(decide(pipe("JS").dn(200).material("球墨铸铁").temporary(), pipe("JS").dn(200).material("球墨铸铁")))
                .isEqualTo(new YieldOrder.Decision("a", "temporary_yields_to_permanent"));
    }

    @Test
    void twoPipesAlikeInEveryRespectLeaveItOpen() {
        assertThat(decide(pipe("JS").dn(200).material("球墨铸铁"), pipe("JS").dn(200).material("球墨铸铁"))).isNull();
    }
}
