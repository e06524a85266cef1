package cn.compoundgis.demo;

import static cn.compoundgis.demo.DemoLayout.ASPECT_MAX;
import static cn.compoundgis.demo.DemoLayout.ASPECT_MIN;
import static cn.compoundgis.demo.DemoLayout.COUNTY_SEAT_EASTING;
import static cn.compoundgis.demo.DemoLayout.COUNTY_SEAT_NORTHING;
import static cn.compoundgis.demo.DemoLayout.MAX_ROTATION_DEG;
import static cn.compoundgis.demo.DemoLayout.PLACEMENT_CELL_M;
import static cn.compoundgis.demo.DemoLayout.PLACEMENT_GRID;
import static cn.compoundgis.demo.DemoLayout.PLACEMENT_JITTER_M;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Puts the compounds around the county seat, one per grid cell, as rectangles of their published area. */
final class SitePlacer {
    private SitePlacer() {
    }

    static List<LocalFrame> place(List<CompoundRow> rows, Random rng) {
        int cellCount = PLACEMENT_GRID * PLACEMENT_GRID;
        if (rows.size() > cellCount) {
            throw new IllegalArgumentException("demo layout holds at most " + cellCount + " compounds");
        }
        List<Integer> cells = new ArrayList<>();
        for (int i = 0; i < cellCount; i++) {
            cells.add(i);
        }
        Collections.shuffle(cells, rng);
        List<LocalFrame> frames = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            frames.add(frame(cells.get(i), rows.get(i).siteAreaM2(), rng));
        }
        return frames;
    }

    private static LocalFrame frame(int cell, double area, Random rng) {
        double middle = (PLACEMENT_GRID - 1) / 2.0;
        double easting = COUNTY_SEAT_EASTING + (cell % PLACEMENT_GRID - middle) * PLACEMENT_CELL_M
                + Rand.between(rng, -PLACEMENT_JITTER_M, PLACEMENT_JITTER_M);
        double northing = COUNTY_SEAT_NORTHING + (cell / PLACEMENT_GRID - middle) * PLACEMENT_CELL_M
                + Rand.between(rng, -PLACEMENT_JITTER_M, PLACEMENT_JITTER_M);
        double aspect = Rand.between(rng, ASPECT_MIN, ASPECT_MAX);
        double width = StrictMath.sqrt(area * aspect);
        double angle = Math.toRadians(Rand.between(rng, -MAX_ROTATION_DEG, MAX_ROTATION_DEG));
        return new LocalFrame(LocalFrame.roundMm(easting), LocalFrame.roundMm(northing), angle, width, area / width);
    }
}
