package cn.compoundgis.demo;

import static cn.compoundgis.demo.DemoLayout.GROUND_BASE_MAX_M;
import static cn.compoundgis.demo.DemoLayout.GROUND_BASE_MIN_M;
import static cn.compoundgis.demo.DemoLayout.GROUND_NOISE_M;
import static cn.compoundgis.demo.DemoLayout.GROUND_SLOPE_MAX;
import static cn.compoundgis.demo.DemoLayout.GROUND_SLOPE_MIN;

import java.util.Random;
import org.locationtech.jts.geom.Coordinate;

/** Ground elevation of a compound: a plane rising gently away from the gate, with a few centimetres of noise. */
final class Ground {
    private final double base;
    private final double slope;
    private final double gateU;
    private final Random rng;

    Ground(LocalFrame frame, Random rng) {
        this.base = Rand.between(rng, GROUND_BASE_MIN_M, GROUND_BASE_MAX_M);
        this.slope = Rand.between(rng, GROUND_SLOPE_MIN, GROUND_SLOPE_MAX);
        this.gateU = frame.minU();
        this.rng = rng;
    }

    /** Elevation in millimetres at a local point. */
    long mm(Coordinate local) {
        double metres = base + slope * (local.x - gateU) + Rand.between(rng, -GROUND_NOISE_M, GROUND_NOISE_M);
        return Math.round(metres * 1000);
    }
}
