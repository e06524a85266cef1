package cn.compoundgis.survey.shapefile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The index (.shx): one 8-byte entry (offset, length in 16-bit words) per record. Entries are read when
 * asked for, from the mapped file; their count is checked against the sizes of both files first.
 */
final class ShxReader implements AutoCloseable {
    private static final int ENTRY_BYTES = 8;
    /** The smallest .shp record: its 8-byte header and a 4-byte shape type (a null shape). */
    private static final int MIN_SHP_RECORD_BYTES = 12;

    private final String name;
    private final FileChannel channel;
    private final ByteBuffer shx;
    private final int count;

    ShxReader(Path file, ShapeType shpType, long shpBytes) throws IOException, ShapefileFormatException {
        this.name = file.getFileName().toString();
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            long maxEntries = Math.max(0, (shpBytes - ShpReader.HEADER_BYTES) / MIN_SHP_RECORD_BYTES);
            if (size > ShpReader.HEADER_BYTES + ENTRY_BYTES * maxEntries) {
                throw new ShapefileFormatException(name, 0, "record count", "the index is " + size + " bytes, room for "
                        + (size - ShpReader.HEADER_BYTES) / ENTRY_BYTES + " records, but the .shp (" + shpBytes
                        + " bytes) can hold at most " + maxEntries + ": the files do not belong together or one is damaged");
            }
            this.shx = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            ShapeType type = ShpReader.readHeader(shx, name);
            if (type != shpType) {
                throw new ShapefileFormatException(name, 0, "shape type", "is " + type + " but the .shp's is " + shpType);
            }
            long body = size - ShpReader.HEADER_BYTES;
            if (body % ENTRY_BYTES != 0) {
                throw new ShapefileFormatException(name, (int) (body / ENTRY_BYTES + 1), "index entry is cut short (file truncated?)");
            }
            this.count = (int) (body / ENTRY_BYTES);
        } catch (ShapefileFormatException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    int count() {
        return count;
    }

    /** The byte offset in the .shp of record {@code number} (1-based), checked to lie inside it. */
    long offset(int number, long shpBytes) throws ShapefileFormatException {
        long offset = 2L * shx.order(ByteOrder.BIG_ENDIAN).getInt(ShpReader.HEADER_BYTES + ENTRY_BYTES * (number - 1));
        if (offset < ShpReader.HEADER_BYTES || offset >= shpBytes) {
            throw new ShapefileFormatException(name, number, "offset", "points to byte " + offset
                    + ", outside the .shp (" + shpBytes + " bytes)");
        }
        return offset;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
