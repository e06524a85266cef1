package cn.compoundgis.survey.shapefile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
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

    private final String name;
    private final FileChannel channel;
    private final ByteBuffer shp;
    private final int[] offsets; // byte offsets of the records, from the .shx; null: read sequentially
    private final ShapeType fileType;
    private final GeometryFactory factory = new GeometryFactory();
    private int nextIndex;
    private int nextOffset = HEADER_BYTES;

    public ShpReader(Path shpFile, Path shxFileOrNull) throws IOException, ShapefileFormatException {
        this.name = shpFile.getFileName().toString();
        this.channel = FileChannel.open(shpFile, StandardOpenOption.READ);
        this.shp = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        this.fileType = readHeader(shp, name);
        this.offsets = shxFileOrNull == null ? null : ShxReader.offsets(shxFileOrNull, shp.capacity());
    }

    public ShapeType shapeType() {
        return fileType;
    }

    /** The bounding box the header declares (x = easting / longitude). */
    public org.locationtech.jts.geom.Envelope headerBounds() {
        shp.order(ByteOrder.LITTLE_ENDIAN);
        return new org.locationtech.jts.geom.Envelope(shp.getDouble(36), shp.getDouble(52), shp.getDouble(44), shp.getDouble(60));
    }

    /** Records the index lists, or -1 when there is no index. */
    public int indexedRecordCount() {
        return offsets == null ? -1 : offsets.length;
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

    /** The next record's geometry (null for a null shape), or an exception naming the record; ends with {@link #hasNext()}. */
    public boolean hasNext() {
        return offsets != null ? nextIndex < offsets.length : nextOffset + RECORD_HEADER_BYTES <= shp.capacity();
    }

    /** The 1-based number of the record {@link #next()} reads. */
    public int nextRecordNumber() {
        return nextIndex + 1;
    }

    public Geometry next() throws ShapefileFormatException {
        int number = ++nextIndex;
        int offset = offsets != null ? offsets[number - 1] : nextOffset;
        if (offset + RECORD_HEADER_BYTES > shp.capacity()) {
            throw error(number, "starts at byte " + offset + ", past the end of the file (" + shp.capacity() + " bytes)");
        }
        shp.order(ByteOrder.BIG_ENDIAN);
        int contentBytes = shp.getInt(offset + 4) * 2;
        int start = offset + RECORD_HEADER_BYTES;
        if (contentBytes < 4 || start + contentBytes > shp.capacity()) {
            throw error(number, "content of " + contentBytes + " bytes does not fit in the file (truncated?)");
        }
        nextOffset = start + contentBytes;
        ByteBuffer content = shp.slice(start, contentBytes).order(ByteOrder.LITTLE_ENDIAN);
        return readShape(number, content);
    }

    private Geometry readShape(int number, ByteBuffer in) throws ShapefileFormatException {
        int typeCode = in.getInt(0);
        ShapeType type = ShapeType.of(typeCode).orElseThrow(() -> error(number, "unknown shape type " + typeCode));
        if (type == ShapeType.NULL) {
            return null;
        }
        if (type != fileType) {
            throw error(number, "shape type " + type + " in a file of " + fileType);
        }
        try {
            return switch (type.kind()) {
                case POINT -> readPoint(in, type);
                case MULTIPOINT -> readMultiPoint(number, in, type);
                case LINE -> readLines(number, in, type);
                case POLYGON -> readPolygons(number, in, type);
                case NULL -> null;
            };
        } catch (IndexOutOfBoundsException e) {
            throw error(number, "content is shorter than its counts of parts and points say");
        }
    }

    private Point readPoint(ByteBuffer in, ShapeType type) {
        double x = in.getDouble(4);
        double y = in.getDouble(12);
        boolean hasM = type.hasM() && in.capacity() >= (type.hasZ() ? 36 : 28); // M is optional
        double z = type.hasZ() ? in.getDouble(20) : Coordinate.NULL_ORDINATE;
        Coordinate c = hasM ? new CoordinateXYZM(x, y, z, in.getDouble(type.hasZ() ? 28 : 20))
                : type.hasZ() ? new Coordinate(x, y, z) : new Coordinate(x, y);
        return factory.createPoint(c);
    }

    private Geometry readMultiPoint(int number, ByteBuffer in, ShapeType type) throws ShapefileFormatException {
        int numPoints = count(number, in.getInt(36), "points");
        Coordinate[] coords = readCoordinates(in, 40, numPoints, numPoints, type);
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
            if (parts.get(i).length < 2) {
                throw error(number, "part " + (i + 1) + " of the line has " + parts.get(i).length + " point(s); a line needs 2");
            }
            lines[i] = factory.createLineString(parts.get(i));
        }
        return lines.length == 1 ? lines[0] : factory.createMultiLineString(lines);
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
                throw error(number, "ring " + (i + 1) + " is not closed or has fewer than 4 points");
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
        for (int i = 0; i < shells.size(); i++) {
            Polygon shell = factory.createPolygon(shells.get(i));
            if (shell.getEnvelopeInternal().covers(hole.getEnvelopeInternal()) && shell.covers(hole.getPointN(0))) {
                double area = shell.getArea();
                if (area < bestArea) {
                    best = i;
                    bestArea = area;
                }
            }
        }
        return best;
    }

    /** Parts of a PolyLine or Polygon record: bbox(32) numParts numPoints parts[] points[] [Z range, Z[]] [M range, M[]]. */
    private List<Coordinate[]> readParts(int number, ByteBuffer in, ShapeType type) throws ShapefileFormatException {
        int numParts = count(number, in.getInt(36), "parts");
        int numPoints = count(number, in.getInt(40), "points");
        if (numParts == 0) {
            throw error(number, "has no parts");
        }
        int[] starts = new int[numParts + 1];
        for (int i = 0; i < numParts; i++) {
            starts[i] = in.getInt(44 + 4 * i);
            if (starts[i] < 0 || starts[i] > numPoints || (i > 0 && starts[i] < starts[i - 1])) {
                throw error(number, "part " + (i + 1) + " starts at point " + starts[i] + " of " + numPoints);
            }
        }
        starts[numParts] = numPoints;
        Coordinate[] all = readCoordinates(in, 44 + 4 * numParts, numPoints, numPoints, type);
        List<Coordinate[]> parts = new ArrayList<>(numParts);
        for (int i = 0; i < numParts; i++) {
            Coordinate[] part = new Coordinate[starts[i + 1] - starts[i]];
            System.arraycopy(all, starts[i], part, 0, part.length);
            parts.add(part);
        }
        return parts;
    }

    /** XY pairs at {@code at}, then for Z types a Z range and Z values, then (optional) an M range and M values. */
    private Coordinate[] readCoordinates(ByteBuffer in, int at, int n, int numPoints, ShapeType type) {
        Coordinate[] coords = new Coordinate[n];
        int zAt = at + 16 * numPoints + 16;
        int mAt = type.hasZ() ? zAt + 8 * numPoints + 16 : at + 16 * numPoints + 16;
        boolean hasM = type.hasM() && mAt + 8 * numPoints <= in.capacity(); // M is optional in Z records
        for (int i = 0; i < n; i++) {
            double x = in.getDouble(at + 16 * i);
            double y = in.getDouble(at + 16 * i + 8);
            double z = type.hasZ() ? in.getDouble(zAt + 8 * i) : Coordinate.NULL_ORDINATE;
            coords[i] = hasM ? new CoordinateXYZM(x, y, z, in.getDouble(mAt + 8 * i))
                    : type.hasZ() ? new Coordinate(x, y, z) : new Coordinate(x, y);
        }
        return coords;
    }

    private int count(int number, int value, String what) throws ShapefileFormatException {
        if (value < 0) {
            throw error(number, "negative number of " + what + " (" + value + ")");
        }
        return value;
    }

    private ShapefileFormatException error(int record, String message) {
        return new ShapefileFormatException(name, record, message);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
