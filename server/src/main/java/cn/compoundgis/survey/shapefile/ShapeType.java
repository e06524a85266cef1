package cn.compoundgis.survey.shapefile;

import java.util.Optional;

/** Shape types of the ESRI Shapefile Technical Description, table 1 (MultiPatch, 31, is not supported). */
public enum ShapeType {
    NULL(0, Kind.NULL, false, false),
    POINT(1, Kind.POINT, false, false),
    POLYLINE(3, Kind.LINE, false, false),
    POLYGON(5, Kind.POLYGON, false, false),
    MULTIPOINT(8, Kind.MULTIPOINT, false, false),
    POINTZ(11, Kind.POINT, true, true),
    POLYLINEZ(13, Kind.LINE, true, true),
    POLYGONZ(15, Kind.POLYGON, true, true),
    MULTIPOINTZ(18, Kind.MULTIPOINT, true, true),
    POINTM(21, Kind.POINT, false, true),
    POLYLINEM(23, Kind.LINE, false, true),
    POLYGONM(25, Kind.POLYGON, false, true),
    MULTIPOINTM(28, Kind.MULTIPOINT, false, true);

    private static final ShapeType[] TYPES = values();

    /** What the geometry is, whatever its dimensions. */
    public enum Kind { NULL, POINT, MULTIPOINT, LINE, POLYGON }

    private final int code;
    private final Kind kind;
    private final boolean z;
    private final boolean m;

    ShapeType(int code, Kind kind, boolean z, boolean m) {
        this.code = code;
        this.kind = kind;
        this.z = z;
        this.m = m;
    }

    /** Read for every record of a file: a loop over the few types, no stream. */
    public static Optional<ShapeType> of(int code) {
        for (ShapeType t : TYPES) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public Kind kind() {
        return kind;
    }

    public boolean hasZ() {
        return z;
    }

    public boolean hasM() {
        return m;
    }
}
