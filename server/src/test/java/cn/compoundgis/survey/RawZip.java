package cn.compoundgis.survey;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A zip written byte by byte (stored entries), for what {@link java.util.zip.ZipOutputStream} will not
 * write: names in mixed encodings, empty or over-long names, a CRC that does not match the data.
 */
final class RawZip {
    private static final int UTF8_FLAG = 0x800;

    private record Entry(byte[] name, boolean utf8, byte[] data, long crc) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** An entry named in {@code charset}; flagged UTF-8 when the charset is UTF-8. */
    RawZip entry(String name, Charset charset, byte[] data) {
        return entry(name.getBytes(charset), charset.name().equals("UTF-8"), data, crc(data));
    }

    RawZip entry(byte[] name, boolean utf8Flag, byte[] data, long crc) {
        entries.add(new Entry(name, utf8Flag, data, crc));
        return this;
    }

    static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Entry e : entries) {
            int offset = out.size();
            ByteBuffer local = le(30 + e.name.length);
            local.putInt(0x04034b50).putShort((short) 10).putShort((short) (e.utf8 ? UTF8_FLAG : 0)).putShort((short) 0)
                    .putInt(0).putInt((int) e.crc).putInt(e.data.length).putInt(e.data.length)
                    .putShort((short) e.name.length).putShort((short) 0).put(e.name);
            out.writeBytes(local.array());
            out.writeBytes(e.data);
            ByteBuffer cen = le(46 + e.name.length);
            cen.putInt(0x02014b50).putShort((short) 20).putShort((short) 10).putShort((short) (e.utf8 ? UTF8_FLAG : 0))
                    .putShort((short) 0).putInt(0).putInt((int) e.crc).putInt(e.data.length).putInt(e.data.length)
                    .putShort((short) e.name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt(offset).put(e.name);
            central.writeBytes(cen.array());
        }
        int cenOffset = out.size();
        out.writeBytes(central.toByteArray());
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt(central.size()).putInt(cenOffset).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
