package cn.compoundgis.geo;

import cn.compoundgis.http.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one way geometry posted to the server comes in. One reader per request: {@link #add} each geometry (each is
 * checked at once: GeoJSON type, nesting, every position an array of 2 or 3 finite numbers, lines with length,
 * rings closed; the positions of the whole request are counted against the limit), then {@link #resolve} once:
 * the axis order the request was written in is decided over all its positions (for the Gauss-Kruger systems
 * either order is accepted and told from the numbers; a mix is refused), and every position is held against the
 * CRS's area of use. All of this happens before any SQL. Every refusal is a 400 (413 for too many positions)
 * naming where, e.g. "trench line, position 3".
 */
public final class GeometryReader {
    private static final int MAX_COORDINATES_PER_POSITION = 3;

    private final PostedCrs crs;
    private final GeometryLimits limits;
    private final List<PostedGeometry> geometries = new ArrayList<>();
    private int positionCount;
    private AxisReading reading;

    public GeometryReader(PostedCrs crs) {
        this(crs, GeometryLimits.DEFAULTS);
    }

    public GeometryReader(PostedCrs crs, GeometryLimits limits) {
        this.crs = crs;
        this.limits = limits;
    }

    /**
     * Reads one geometry (a GeoJSON geometry object) of one of the {@code allowed} types.
     *
     * @param where how the geometry is named in a message, e.g. "trench line" or "feature 3"
     */
    public PostedGeometry add(JsonNode geometry, String where, Set<GeometryType> allowed) {
        try {
            return read(geometry, where, allowed);
        } catch (ApiError refused) {
            throw refused.details().containsKey("message") ? refused : refused.says("geometry.unreadable", "where", where);
        }
    }

    private PostedGeometry read(JsonNode geometry, String where, Set<GeometryType> allowed) {
        if (reading != null) {
            throw new IllegalStateException("the reader has already resolved its geometries");
        }
        if (geometry == null || geometry.isNull() || geometry.isMissingNode()) {
            throw ApiError.badParameter(where + ": no geometry; expected " + names(allowed));
        }
        if (!geometry.isObject()) {
            throw ApiError.badParameter(where + ": the geometry must be a GeoJSON object, got " + brief(geometry));
        }
        GeometryType type = GeometryType.ofGeoJson(geometry.path("type").asText(""));
        if (type == null || !allowed.contains(type)) {
            String got = geometry.path("type").asText("");
            throw ApiError.badParameter(where + ": expected " + names(allowed) + ", got "
                    + (got.isEmpty() ? "no geometry type" : got));
        }
        JsonNode coordinates = geometry.get("coordinates");
        if (coordinates == null || coordinates.isNull()) {
            throw ApiError.badParameter(where + ": the " + type.geoJson() + " has no coordinates");
        }
        List<PostedGeometry.Position> positions = new ArrayList<>();
        Object parsed = level(coordinates, type, 0, where, positions);
        PostedGeometry g = new PostedGeometry(type, parsed, positions, this);
        geometries.add(g);
        return g;
    }

    /** Decides the axis order and checks the area of use of everything added; returns the order read. */
    public AxisReading resolve() {
        if (reading != null) {
            return reading;
        }
        AreaOfUse area = AreaOfUse.of(crs, limits);
        AxisOrder own = crs.ownOrder();
        AxisOrder read = area.tellsAxisOrder() ? detect(area, own) : checkAll(area, own);
        reading = new AxisReading(read, own);
        return reading;
    }

    AxisReading reading() {
        if (reading == null) {
            throw new IllegalStateException("resolve() the reader before writing its geometries");
        }
        return reading;
    }

    /**
     * The order every position fits. A position that fits only one order decides; two positions that decide
     * differently are a mix (refused); where every position fits both (possible only near the equator in a CM
     * system) the CRS's own order holds. Every position then fits the order returned.
     */
    private AxisOrder detect(AreaOfUse area, AxisOrder own) {
        PostedGeometry.Position onlyOwn = null;
        PostedGeometry.Position onlySwapped = null;
        AxisOrder swapped = own.swapped();
        for (PostedGeometry g : geometries) {
            for (PostedGeometry.Position p : g.positions()) {
                boolean fitsOwn = fits(area, p, own);
                boolean fitsSwapped = fits(area, p, swapped);
                if (!fitsOwn && !fitsSwapped) {
                    throw outside(area, p, own);
                }
                if (fitsOwn && !fitsSwapped && onlyOwn == null) {
                    onlyOwn = p;
                } else if (fitsSwapped && !fitsOwn && onlySwapped == null) {
                    onlySwapped = p;
                }
                if (onlyOwn != null && onlySwapped != null) {
                    throw mixed(onlyOwn, own, onlySwapped, swapped);
                }
            }
        }
        return onlySwapped != null ? swapped : own;
    }

    private AxisOrder checkAll(AreaOfUse area, AxisOrder order) {
        for (PostedGeometry g : geometries) {
            for (PostedGeometry.Position p : g.positions()) {
                if (!fits(area, p, order)) {
                    throw outside(area, p, order);
                }
            }
        }
        return order;
    }

    private static boolean fits(AreaOfUse area, PostedGeometry.Position p, AxisOrder order) {
        return area.contains(AreaOfUse.east(p.first(), p.second(), order), AreaOfUse.north(p.first(), p.second(), order));
    }

    private ApiError outside(AreaOfUse area, PostedGeometry.Position p, AxisOrder order) {
        return ApiError.badParameter(area.outside(p.where(), p.first(), p.second(), order))
                .says("geometry.outside", "where", p.where(), "crs", crs.name(), "position", AreaOfUse.position(p.first(), p.second()));
    }

    private ApiError mixed(PostedGeometry.Position a, AxisOrder aOrder, PostedGeometry.Position b, AxisOrder bOrder) {
        return ApiError.badParameter("the positions are written in two axis orders: " + a.where() + " "
                + AreaOfUse.position(a.first(), a.second()) + " reads only as " + aOrder.code() + ", " + b.where() + " "
                + AreaOfUse.position(b.first(), b.second()) + " only as " + bOrder.code() + "; write every position of "
                + crs.name() + " in one order (its own order is " + crs.ownOrder().code() + ")")
                .says("geometry.mixed_axis_order", "crs", crs.name());
    }

    private Object level(JsonNode node, GeometryType type, int level, String where, List<PostedGeometry.Position> out) {
        if (level == type.depth()) {
            return position(node, where, out);
        }
        String name = type.levelName(level);
        if (!node.isArray()) {
            throw ApiError.badParameter(where + ": expected an array of " + plural(name) + ", got " + brief(node));
        }
        if (node.isEmpty()) {
            throw ApiError.badParameter(where + ": the " + type.geoJson() + " has an empty list of " + plural(name));
        }
        List<Object> children = PostedGeometry.list();
        for (int i = 0; i < node.size(); i++) {
            children.add(level(node.get(i), type, level + 1, where + ", " + name + " " + (i + 1), out));
        }
        if (level == type.depth() - 1) {
            checkLeaves(children, type, where);
        }
        return children;
    }

    private PostedGeometry.Position position(JsonNode node, String where, List<PostedGeometry.Position> out) {
        if (++positionCount > limits.maxPositions()) {
            throw ApiError.tooLarge("the request has more than " + limits.maxPositions() + " positions; split it")
                    .says("geometry.too_many_positions", "max", limits.maxPositions());
        }
        if (!node.isArray() || node.size() < 2 || node.size() > MAX_COORDINATES_PER_POSITION) {
            throw ApiError.badParameter(where + ": a position is [x, y] or [x, y, z] (z, an altitude, is dropped), got "
                    + brief(node));
        }
        double first = coordinate(node.get(0), where, 1);
        double second = coordinate(node.get(1), where, 2);
        if (node.size() == MAX_COORDINATES_PER_POSITION) {
            coordinate(node.get(2), where, MAX_COORDINATES_PER_POSITION);
        }
        PostedGeometry.Position p = new PostedGeometry.Position(first, second, where);
        out.add(p);
        return p;
    }

    private static double coordinate(JsonNode value, String where, int index) {
        if (value == null || !value.isNumber()) {
            String what = value == null || value.isNull() ? "null" : value.isTextual() ? "the text " + value : brief(value);
            throw ApiError.badParameter(where + ": coordinate " + index + " of the position must be a number, got " + what);
        }
        double v = value.asDouble();
        if (!Double.isFinite(v)) {
            throw ApiError.badParameter(where + ": coordinate " + index + " of the position is not a finite number (" + value + ")");
        }
        return v;
    }

    /** Lines have length, rings are closed with three corners at least. */
    private static void checkLeaves(List<Object> leaves, GeometryType type, String where) {
        Set<String> distinct = new HashSet<>();
        for (Object leaf : leaves) {
            PostedGeometry.Position p = (PostedGeometry.Position) leaf;
            distinct.add(p.first() + "," + p.second());
        }
        switch (type.leaves()) {
            case LINE -> {
                if (leaves.size() < 2) {
                    throw ApiError.badParameter(where + ": a line needs at least two positions, got " + leaves.size());
                }
                if (distinct.size() < 2) {
                    throw ApiError.badParameter(where + ": the line has no length (every position is the same point)");
                }
            }
            case RING -> {
                if (leaves.size() < 4) {
                    throw ApiError.badParameter(where + ": a ring needs at least 4 positions (closed), got " + leaves.size());
                }
                PostedGeometry.Position first = (PostedGeometry.Position) leaves.get(0);
                PostedGeometry.Position last = (PostedGeometry.Position) leaves.get(leaves.size() - 1);
                if (first.first() != last.first() || first.second() != last.second()) {
                    throw ApiError.badParameter(where + ": the ring must end where it starts (closed)");
                }
                if (distinct.size() < 3) {
                    throw ApiError.badParameter(where + ": the ring has no area (fewer than 3 distinct corners)");
                }
            }
            default -> {
            }
        }
    }

    private static String plural(String name) {
        return name.endsWith("s") ? name : name + "s";
    }

    private static String names(Set<GeometryType> allowed) {
        return allowed.stream().map(GeometryType::geoJson).sorted().collect(Collectors.joining(" or "));
    }

    private static String brief(JsonNode node) {
        String s = node.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
