package cn.compoundgis.demo;

import java.util.Random;

/** Uniform draws from the one seeded {@link Random} of a compound. */
final class Rand {
    private Rand() {
    }

    static double between(Random rng, double min, double max) {
        return min + (max - min) * rng.nextDouble();
    }

    /** An integer in [min, max], both included. */
    static int between(Random rng, int min, int max) {
        return min + rng.nextInt(max - min + 1);
    }

    static boolean chance(Random rng, double probability) {
        return rng.nextDouble() < probability;
    }

    /** Rounded to 0.1 (widths and offsets are measured to the decimetre). */
    static double decimetres(double metres) {
        return Math.round(metres * 10) / 10.0;
    }
}
