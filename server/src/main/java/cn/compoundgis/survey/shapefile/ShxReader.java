package cn.compoundgis.survey.shapefile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The index (.shx): one 8-byte entry (offset, length in 16-bit words) per record. */
final class ShxReader {
    private static final int ENTRY_BYTES = 8;

    private ShxReader() {
    }

    static int[] offsets(Path shx, long shpBytes) throws IOException, ShapefileFormatException {
        String name = shx.getFileName().toString();
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(shx));
        ShpReader.readHeader(buffer, name);
        int body = buffer.capacity() - ShpReader.HEADER_BYTES;
        if (body % ENTRY_BYTES != 0) {
            throw new ShapefileFormatException(name, body / ENTRY_BYTES + 1, "index entry is cut short (file truncated?)");
        }
        int[] offsets = new int[body / ENTRY_BYTES];
        buffer.order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < offsets.length; i++) {
            long offset = 2L * buffer.getInt(ShpReader.HEADER_BYTES + ENTRY_BYTES * i);
            if (offset < ShpReader.HEADER_BYTES || offset >= shpBytes) {
                throw new ShapefileFormatException(name, i + 1, "points to byte " + offset
                        + ", outside the .shp (" + shpBytes + " bytes)");
            }
            offsets[i] = (int) offset;
        }
        return offsets;
    }
}
