package cn.compoundgis.survey.shapefile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.PointLocation;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateXYZM;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads the geometry file (.shp) of a shapefile, with the index (.shx) when there is one, strictly:
 * every inconsistency is an error naming the record. See the ESRI Shapefile Technical Description (1998).
 */
public final class ShpReader implements AutoCloseable {
    static final int FILE_CODE = 9994;
    static final int VERSION = 1000;
    static final int HEADER_BYTES = 100;
    private static final int RECORD_HEADER_BYTES = 8;
    private static final int FILE_LENGTH_OFFSET = 24;

    private final String name;
    private final FileChannel channel;
    private final ByteBuffer shp;
    private final ShxReader index; // null: read in sequence
    private final int recordCount;
    private final ShapeType fileType;
    private final ReaderLimits limits;
    private final GeometryFactory factory = new GeometryFactory();
    private final List<LayerWarning> warnings = new ArrayList<>();
    private int nextIndex;
    private long nextOffset = HEADER_BYTES;

    public ShpReader(Path shpFile, Path shxFileOrNull) throws IOException, ShapefileFormatException {
        this(shpFile, shxFileOrNull, ReaderLimits.DEFAULTS);
    }

    public ShpReader(Path shpFile, Path shxFileOrNull, ReaderLimits limits) throws IOException, ShapefileFormatException {
        this.name = shpFile.getFileName().toString();
        this.limits = limits;
        this.channel = FileChannel.open(shpFile, StandardOpenOption.READ);
        ShxReader shx = null;
        try {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new ShapefileFormatException(name, 0, "file is " + channel.size() + " bytes; at most 2 GB can be read");
            }
            this.shp = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            this.fileType = readHeader(shp, name);
            checkDeclaredLength();
            checkHeaderBounds();
            shx = shxFileOrNull == null ? null : new ShxReader(shxFileOrNull, fileType, shp.capacity());
            this.index = shx;
            this.recordCount = shx != null ? shx.count() : countInSequence();
        } catch (ShapefileFormatException | IOException | RuntimeException e) {
            if (shx != null) {
                shx.close();
            }
            channel.close();
            throw e;
        }
    }

    public ShapeType shapeType() {
        return fileType;
    }

    /** The bounding box the header declares (x = easting / longitude); checked finite and sane on opening. */
    public org.locationtech.jts.geom.Envelope headerBounds() {
        shp.order(ByteOrder.LITTLE_ENDIAN);
        return new org.locationtech.jts.geom.Envelope(shp.getDouble(36), shp.getDouble(52), shp.getDouble(44), shp.getDouble(60));
    }

    /** Records the index lists, or -1 when there is no index. */
    public int indexedRecordCount() {
        return index == null ? -1 : index.count();
    }

    /** Records in the file: as the index lists them, or, without one, as many as the record headers chain to. */
    public int recordCount() {
        return recordCount;
    }

    /** What is odd about the file but does not stop it being read (its declared length, say). */
    public List<LayerWarning> warnings() {
        return warnings;
    }

    static ShapeType readHeader(ByteBuffer buffer, String name) throws ShapefileFormatException {
        if (buffer.capacity() < HEADER_BYTES) {
            throw new ShapefileFormatException(name, 0, "file is " + buffer.capacity() + " bytes, shorter than the 100-byte header");
        }
        int code = buffer.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (code != FILE_CODE) {
            throw new ShapefileFormatException(name, 0, "not a shapefile (file code " + code + ", expected " + FILE_CODE + ")");
        }
        int version = buffer.order(ByteOrder.LITTLE_ENDIAN).getInt(28);
        if (version != VERSION) {
            throw new ShapefileFormatException(name, 0, "unknown version " + version);
        }
        int type = buffer.order(ByteOrder.LITTLE_ENDIAN).getInt(32);
        return ShapeType.of(type).orElseThrow(() -> new ShapefileFormatException(name, 0, "unknown shape type " + type));
    }

    /** The header's file length (16-bit words) against the real size: a mismatch is reported, reading goes by the real size. */
    private void checkDeclaredLength() {
        long declared = 2L * Integer.toUnsignedLong(shp.order(ByteOrder.BIG_ENDIAN).getInt(FILE_LENGTH_OFFSET));
        if (declared != shp.capacity()) {
            warnings.add(new LayerWarning("shp_length_mismatch", name + ": the header says the file is " + declared
                    + " bytes, but it is " + shp.capacity() + (declared > shp.capacity() ? " (truncated?)" : "")
                    + "; records were read as far as the file goes",
                    Map.of("file", name, "declared", declared, "actual", shp.capacity())));
        }
    }

    /** The header's bounding box (x, y and, for Z types, z) must be finite and sane: it locates the compound. */
    private void checkHeaderBounds() throws ShapefileFormatException {
        shp.order(ByteOrder.LITTLE_ENDIAN);
        String[] names = {"Xmin", "Ymin", "Xmax", "Ymax", "Zmin", "Zmax"};
        int checked = fileType.hasZ() ? 6 : 4;
        for (int i = 0; i < checked; i++) {
            double v = shp.getDouble(36 + 8 * i);
            if (!limits.isSaneCoordinate(v)) {
                throw new ShapefileFormatException(name, 0, "bounding box " + names[i], "is " + v
                        + "; a coordinate must be a finite number of at most " + limits.maxAbsCoordinate() + " in size");
            }
        }
    }

    /** Without an index: the records whose headers chain from the file's start (one cut record counts). */
    private int countInSequence() {
        int count = 0;
        shp.order(ByteOrder.BIG_ENDIAN);
        for (long at = HEADER_BYTES; at + RECORD_HEADER_BYTES <= shp.capacity(); count++) {
            long content = 2L * shp.getInt((int) at + 4);
            if (content < 4 || at + RECORD_HEADER_BYTES + content > shp.capacity()) {
                return count + 1;
            }
            at += RECORD_HEADER_BYTES + content;
        }
        return count;
    }

    /** True while there is a record left to read with {@link #next()}. */
    public boolean hasNext() {
        return nextIndex < recordCount;
    }

    /** The 1-based number of the record {@link #next()} reads. */
    public int nextRecordNumber() {
        return nextIndex + 1;
    }

    /** The next record's geometry (null for a null shape), or an exception naming the record. */
    public Geometry next() throws ShapefileFormatException {
        int number = ++nextIndex;
        long offset = index != null ? index.offset(number, shp.capacity()) : nextOffset;
        if (offset + RECORD_HEADER_BYTES > shp.capacity()) {
            throw error(number, "starts at byte " + offset + ", past the end of the file (" + shp.capacity() + " bytes)");
        }
        long contentBytes = 2L * shp.order(ByteOrder.BIG_ENDIAN).getInt((int) offset + 4);
        long start = offset + RECORD_HEADER_BYTES;
        if (contentBytes < 4 || start + contentBytes > shp.capacity()) {
            throw error(number, "content length", contentBytes + " bytes do not fit in the file (" + (shp.capacity() - start)
                    + " bytes left; truncated?)");
        }
        nextOffset = start + contentBytes;
        ByteBuffer content = shp.slice((int) start, (int) contentBytes).order(ByteOrder.LITTLE_ENDIAN);
        return readShape(number, content);
    }

    private Geometry readShape(int number, ByteBuffer in) throws ShapefileFormatException {
        int typeCode = in.getInt(0);
        ShapeType type = ShapeType.of(typeCode).orElseThrow(() -> error(number, "shape type", "is unknown (" + typeCode + ")"));
        if (type == ShapeType.NULL) {
            return null;
        }
        if (type != fileType) {
            throw error(number, "shape type", "is " + type + " in a file of " + fileType);
        }
        return switch (type.kind()) {
            case POINT -> readPoint(number, in, type);
            case MULTIPOINT -> readMultiPoint(number, in, type);
            case LINE -> readLines(number, in, type);
            case POLYGON -> readPolygons(number, in, type);
            case NULL -> null;
        };
    }

    /** Point: type x y [z] [m]; M is optional. */
    private Point readPoint(int number, ByteBuffer in, ShapeType type) throws ShapefileFormatException {
        requireBytes(number, in, type.hasZ() ? 28 : 20, "a point");
        double x = sane(number, 0, "x", in.getDouble(4));
        double y = sane(number, 0, "y", in.getDouble(12));
        double z = type.hasZ() ? sane(number, 0, "z", in.getDouble(20)) : Coordinate.NULL_ORDINATE;
        int mAt = type.hasZ() ? 28 : 20;
        boolean hasM = type.hasM() && in.capacity() >= mAt + 8;
        Coordinate c = hasM ? new CoordinateXYZM(x, y, z, in.getDouble(mAt))
                : type.hasZ() ? new Coordinate(x, y, z) : new Coordinate(x, y);
        return factory.createPoint(c);
    }

    /** MultiPoint: type bbox(32) numPoints points[] [Z range, Z[]] [M range, M[]]. */
    private Geometry readMultiPoint(int number, ByteBuffer in, ShapeType type) throws ShapefileFormatException {
        requireBytes(number, in, 40, "a multipoint header");
        int numPoints = count(number, in, 36, "numPoints", limits.maxPointsPerRecord());
        if (numPoints == 0) {
            throw error(number, "numPoints", "is 0: the multipoint has no points (zero-length geometry)");
        }
        long xy = 40L + 16L * numPoints;
        requireBytes(number, in, xy + (type.hasZ() ? 16L + 8L * numPoints : 0), numPoints + " points");
        Coordinate[] coords = readCoordinates(number, in, 40, numPoints, type, type.hasZ() ? (int) xy + 16 : -1);
        Point[] points = new Point[numPoints];
        for (int i = 0; i < numPoints; i++) {
            points[i] = factory.createPoint(coords[i]);
        }
        return factory.createMultiPoint(points);
    }

    private Geometry readLines(int number, ByteBuffer in, ShapeType type) throws ShapefileFormatException {
        List<Coordinate[]> parts = readParts(number, in, type);
        LineString[] lines = new LineString[parts.size()];
        for (int i = 0; i < lines.length; i++) {
            Coordinate[] part = parts.get(i);
            if (part.length < 2) {
                throw error(number, "part " + (i + 1), "has " + part.length + " point(s); a line needs 2");
            }
            if (allSame(part)) {
                throw error(number, "part " + (i + 1), "has zero length: all its " + part.length + " points are the same");
            }
            lines[i] = factory.createLineString(part);
        }
        return lines.length == 1 ? lines[0] : factory.createMultiLineString(lines);
    }

    private static boolean allSame(Coordinate[] points) {
        for (Coordinate c : points) {
            if (!c.equals2D(points[0])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Rings wound clockwise are shells, counter-clockwise ones holes (the shapefile convention); each hole
     * goes to the smallest shell that contains it. A lone hole with no shell is kept as a shell.
     */
    private Geometry readPolygons(int number, ByteBuffer in, ShapeType type) throws ShapefileFormatException {
        List<Coordinate[]> parts = readParts(number, in, type);
        List<LinearRing> shells = new ArrayList<>();
        List<LinearRing> holes = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Coordinate[] ring = parts.get(i);
            if (ring.length < 4 || !ring[0].equals2D(ring[ring.length - 1])) {
                throw error(number, "ring " + (i + 1), "is not closed or has fewer than 4 points");
            }
            if (Area.ofRing(ring) == 0) {
                throw error(number, "ring " + (i + 1), "has zero area (its points are the same or on one line)");
            }
            LinearRing linearRing = factory.createLinearRing(ring);
            (Orientation.isCCW(ring) ? holes : shells).add(linearRing);
        }
        if (shells.isEmpty()) {
            shells.addAll(holes);
            holes.clear();
        }
        List<List<LinearRing>> holesOf = new ArrayList<>();
        shells.forEach(s -> holesOf.add(new ArrayList<>()));
        for (LinearRing hole : holes) {
            int owner = smallestShellContaining(shells, hole);
            if (owner < 0) {
                shells.add(hole);
                holesOf.add(new ArrayList<>());
            } else {
                holesOf.get(owner).add(hole);
            }
        }
        Polygon[] polygons = new Polygon[shells.size()];
        for (int i = 0; i < polygons.length; i++) {
            polygons[i] = factory.createPolygon(shells.get(i), holesOf.get(i).toArray(LinearRing[]::new));
        }
        return polygons.length == 1 ? polygons[0] : factory.createMultiPolygon(polygons);
    }

    private int smallestShellContaining(List<LinearRing> shells, LinearRing hole) {
        int best = -1;
        double bestArea = Double.MAX_VALUE;
        Coordinate probe = hole.getCoordinateN(0);
        for (int i = 0; i < shells.size(); i++) {
            LinearRing shell = shells.get(i);
            if (shell.getEnvelopeInternal().covers(hole.getEnvelopeInternal())
                    && PointLocation.locateInRing(probe, shell.getCoordinates()) != Location.EXTERIOR) {
                double area = Area.ofRing(shell.getCoordinateSequence());
                if (area < bestArea) {
                    best = i;
                    bestArea = area;
                }
            }
        }
        return best;
    }

    /**
     * Parts of a PolyLine or Polygon record: type bbox(32) numParts numPoints parts[] points[] [Z range, Z[]]
     * [M range, M[]]. Every count is checked against the record's length before anything is allocated.
     */
    private List<Coordinate[]> readParts(int number, ByteBuffer in, ShapeType type) throws ShapefileFormatException {
        requireBytes(number, in, 44, "the part and point counts");
        int numParts = count(number, in, 36, "numParts", limits.maxPartsPerRecord());
        int numPoints = count(number, in, 40, "numPoints", limits.maxPointsPerRecord());
        if (numParts == 0 || numPoints == 0) {
            throw error(number, numParts == 0 ? "numParts" : "numPoints", "is 0: the record has no geometry (zero-length)");
        }
        long pointsAt = 44L + 4L * numParts;
        long xyEnd = pointsAt + 16L * numPoints;
        requireBytes(number, in, xyEnd + (type.hasZ() ? 16L + 8L * numPoints : 0),
                numParts + " part(s) and " + numPoints + " point(s)");
        int[] starts = new int[numParts + 1];
        for (int i = 0; i < numParts; i++) {
            starts[i] = in.getInt(44 + 4 * i);
            if (starts[i] < 0 || starts[i] > numPoints || (i > 0 && starts[i] < starts[i - 1]) || (i == 0 && starts[i] != 0)) {
                throw error(number, "parts[" + i + "]", "says part " + (i + 1) + " starts at point " + starts[i] + " of " + numPoints);
            }
        }
        starts[numParts] = numPoints;
        Coordinate[] all = readCoordinates(number, in, (int) pointsAt, numPoints, type, type.hasZ() ? (int) xyEnd + 16 : -1);
        List<Coordinate[]> parts = new ArrayList<>(numParts);
        for (int i = 0; i < numParts; i++) {
            Coordinate[] part = new Coordinate[starts[i + 1] - starts[i]];
            System.arraycopy(all, starts[i], part, 0, part.length);
            parts.add(part);
        }
        return parts;
    }

    /**
     * {@code n} XY pairs at {@code at}; Z values at {@code zAt} (or -1); then, where the record has room for
     * them, M values after an M range (M is optional). The caller has checked that XY and Z fit. Every x, y
     * and z must be finite and sane: NaN or 1e308 must never reach PostGIS.
     */
    private Coordinate[] readCoordinates(int number, ByteBuffer in, int at, int n, ShapeType type, int zAt)
            throws ShapefileFormatException {
        long mRange = zAt >= 0 ? zAt + 8L * n : at + 16L * n;
        long mAt = mRange + 16;
        boolean hasM = type.hasM() && mAt + 8L * n <= in.capacity();
        Coordinate[] coords = new Coordinate[n];
        for (int i = 0; i < n; i++) {
            double x = sane(number, i, "x", in.getDouble(at + 16 * i));
            double y = sane(number, i, "y", in.getDouble(at + 16 * i + 8));
            double z = zAt >= 0 ? sane(number, i, "z", in.getDouble(zAt + 8 * i)) : Coordinate.NULL_ORDINATE;
            coords[i] = hasM ? new CoordinateXYZM(x, y, z, in.getDouble((int) mAt + 8 * i))
                    : zAt >= 0 ? new Coordinate(x, y, z) : new Coordinate(x, y);
        }
        return coords;
    }

    private double sane(int number, int point, String axis, double v) throws ShapefileFormatException {
        if (!limits.isSaneCoordinate(v)) {
            throw error(number, "point " + (point + 1) + " " + axis, "is " + v + "; a coordinate must be a finite number of at most "
                    + limits.maxAbsCoordinate() + " in size");
        }
        return v;
    }

    private void requireBytes(int number, ByteBuffer in, long needed, String what) throws ShapefileFormatException {
        if (needed > in.capacity()) {
            throw error(number, "content length", "is " + in.capacity() + " bytes, but " + what + " need " + needed);
        }
    }

    private int count(int number, ByteBuffer in, int at, String field, int max) throws ShapefileFormatException {
        int value = in.getInt(at);
        if (value < 0 || value > max) {
            throw error(number, field, "is " + value + "; at most " + max + " are accepted per record");
        }
        return value;
    }

    private ShapefileFormatException error(int record, String message) {
        return new ShapefileFormatException(name, record, message);
    }

    private ShapefileFormatException error(int record, String field, String message) {
        return new ShapefileFormatException(name, record, field, message);
    }

    @Override
    public void close() throws IOException {
        try {
            if (index != null) {
                index.close();
            }
        } finally {
            channel.close();
        }
    }
}
