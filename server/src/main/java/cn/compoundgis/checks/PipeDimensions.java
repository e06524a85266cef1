package cn.compoundgis.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outer size of a pipe and where its outer walls lie in depth, from the nominal size, an assumed wall
 * thickness by material (pipe-dimensions.json, marked unconfirmed) and the depth convention: gravity
 * drainage is surveyed to the invert (inner bottom), pressure pipes and cables to the outer top.
 */
public final class PipeDimensions {
    private static final double MM = 0.001;

    private record MaterialWall(List<String> words, double ratio) {
    }

    /**
     * Where a pipe's outer walls are, measured downward (a depth below ground, or minus an elevation).
     * {@code known} is false when the pipe has no size: it is then treated as a line.
     */
    public record Extent(double top, double bottom, boolean sizeKnown) {
    }

    private final List<MaterialWall> walls;
    private final double defaultRatio;
    private final double minWallM;
    private final String status;

    private PipeDimensions(List<MaterialWall> walls, double defaultRatio, double minWallM, String status) {
        this.walls = walls;
        this.defaultRatio = defaultRatio;
        this.minWallM = minWallM;
        this.status = status;
    }

    static PipeDimensions from(JsonNode table) {
        List<MaterialWall> walls = new ArrayList<>();
        for (JsonNode w : table.path("wall_ratio_by_material")) {
            List<String> words = new ArrayList<>();
            w.path("words").forEach(word -> words.add(word.asText().toUpperCase(Locale.ROOT)));
            walls.add(new MaterialWall(List.copyOf(words), w.path("ratio").asDouble()));
        }
        return new PipeDimensions(List.copyOf(walls), table.path("default_wall_ratio").asDouble(),
                table.path("min_wall_mm").asDouble() * MM, table.path("status").asText());
    }

    public String status() {
        return status;
    }

    /** Assumed wall thickness in metres for a pipe of this nominal size (mm) and material. */
    public double wallM(int nominalMm, String material) {
        return Math.max(minWallM, ratio(material) * nominalMm * MM);
    }

    private double ratio(String material) {
        if (material != null) {
            String m = material.toUpperCase(Locale.ROOT);
            for (MaterialWall w : walls) {
                if (w.words().stream().anyMatch(m::contains)) {
                    return w.ratio();
                }
            }
        }
        return defaultRatio;
    }

    public boolean sizeKnown(Pipe p) {
        return p.dnMm() != null || p.widthMm() != null;
    }

    /** Outer width in plan, metres (0 when the size is unknown). Box dimensions are outer dimensions. */
    public double outerWidthM(Pipe p) {
        if (p.dnMm() != null) {
            return p.dnMm() * MM + 2 * wallM(p.dnMm(), p.material());
        }
        return p.widthMm() != null ? p.widthMm() * MM : 0;
    }

    /** Outer height, metres (0 when the size is unknown). */
    public double outerHeightM(Pipe p) {
        if (p.dnMm() != null) {
            return outerWidthM(p);
        }
        return p.heightMm() != null ? p.heightMm() * MM : 0;
    }

    /**
     * The outer top and bottom, measured downward, of a pipe whose surveyed value (per its depth reference)
     * is {@code level} measured downward (a depth, or minus an elevation).
     */
    public Extent extent(Pipe p, double level) {
        if (!sizeKnown(p)) {
            return new Extent(level, level, false);
        }
        double outer = outerHeightM(p);
        if (!p.measuredToInvert()) {
            return new Extent(level, level + outer, true);
        }
        double wall = p.dnMm() != null ? wallM(p.dnMm(), p.material()) : wallM(p.heightMm(), p.material());
        double bottom = level + wall;
        return new Extent(bottom - outer, bottom, true);
    }
}
