package cn.compoundgis.survey.shapefile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a dBASE III/IV attribute table (.dbf) strictly: a value that does not parse is an error naming
 * the record and field, never a silent null. Text is decoded with the charset the caller chose.
 */
public final class DbfReader implements AutoCloseable {
    private static final int DESCRIPTOR_BYTES = 32;
    private static final int FIRST_DESCRIPTOR = 32;
    private static final byte HEADER_END = 0x0D;
    private static final byte DELETED = '*';
    private static final int LANGUAGE_DRIVER_OFFSET = 29;

    private final String name;
    private final FileChannel channel;
    private final ByteBuffer dbf;
    private final int recordCount;
    private final int headerLength;
    private final int recordLength;
    private final int languageDriver;
    private final List<DbfField> fields;
    private Charset charset;

    public DbfReader(Path file, Charset charset) throws IOException, ShapefileFormatException {
        this.name = file.getFileName().toString();
        this.charset = charset;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.dbf = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
        if (dbf.capacity() < FIRST_DESCRIPTOR + 1) {
            throw new ShapefileFormatException(name, 0, "file is " + dbf.capacity() + " bytes, too short for a dBASE header");
        }
        this.recordCount = dbf.getInt(4);
        this.headerLength = Short.toUnsignedInt(dbf.getShort(8));
        this.recordLength = Short.toUnsignedInt(dbf.getShort(10));
        this.languageDriver = Byte.toUnsignedInt(dbf.get(LANGUAGE_DRIVER_OFFSET));
        if (recordCount < 0 || headerLength > dbf.capacity() || recordLength < 1) {
            throw new ShapefileFormatException(name, 0, "header is corrupt (records " + recordCount
                    + ", header length " + headerLength + ", record length " + recordLength + ")");
        }
        this.fields = readFields();
    }

    /** The dBASE language driver id (byte 29): 0x4D and 0x7A mean GBK (code page 936). */
    public int languageDriver() {
        return languageDriver;
    }

    public int recordCount() {
        return recordCount;
    }

    public List<DbfField> fields() {
        return fields;
    }

    /** Every text byte of the table, names and character values, to choose an encoding from. */
    public List<byte[]> textSamples(int maxRecords) {
        List<byte[]> samples = new ArrayList<>();
        fields.forEach(f -> samples.add(FieldNames.withoutCutUtf8Tail(f.rawName())));
        int n = Math.min(maxRecords, recordCount);
        for (int r = 0; r < n; r++) {
            int at = headerLength + r * recordLength;
            if (at + recordLength > dbf.capacity()) {
                break;
            }
            for (DbfField f : fields) {
                if (f.type() == 'C') {
                    samples.add(bytes(at + f.offset(), f.length()));
                }
            }
        }
        return samples;
    }

    public void decodeWith(Charset charset) throws ShapefileFormatException {
        this.charset = charset;
        fields.clear();
        fields.addAll(readFields());
    }

    public boolean isDeleted(int recordNumber) throws ShapefileFormatException {
        return dbf.get(recordStart(recordNumber)) == DELETED;
    }

    /** The values of a record (1-based), by field name, in field order. */
    public Map<String, Object> read(int recordNumber) throws ShapefileFormatException {
        int at = recordStart(recordNumber);
        Map<String, Object> values = new LinkedHashMap<>();
        for (DbfField f : fields) {
            values.put(f.name(), value(recordNumber, f, bytes(at + f.offset(), f.length())));
        }
        return values;
    }

    private int recordStart(int recordNumber) throws ShapefileFormatException {
        if (recordNumber < 1 || recordNumber > recordCount) {
            throw new ShapefileFormatException(name, recordNumber, "no such record (the table has " + recordCount + ")");
        }
        long at = headerLength + (long) (recordNumber - 1) * recordLength;
        if (at + recordLength > dbf.capacity()) {
            throw new ShapefileFormatException(name, recordNumber, "is cut short: the file ends at byte "
                    + dbf.capacity() + " (truncated?)");
        }
        return (int) at;
    }

    private Object value(int record, DbfField f, byte[] raw) throws ShapefileFormatException {
        if (f.type() == 'C') {
            String text = new String(raw, charset).stripTrailing();
            return text.isEmpty() ? null : text; // a DBF cannot tell an empty text from a missing one: GDAL says null
        }
        String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        if (text.isEmpty() || text.chars().allMatch(c -> c == '*') || (f.type() == 'D' && text.equals("00000000"))) {
            return null; // blanks, asterisks (overflow) or a zero date: no value
        }
        try {
            return switch (f.type()) {
                case 'N', 'F' -> f.decimals() == 0 && text.matches("[-+]?\\d+") && text.length() < 19
                        ? (Object) Long.parseLong(text) : (Object) Double.parseDouble(text);
                case 'L' -> logical(text);
                case 'D' -> LocalDate.of(Integer.parseInt(text.substring(0, 4)),
                        Integer.parseInt(text.substring(4, 6)), Integer.parseInt(text.substring(6, 8)));
                default -> text; // memo and other types: the raw text of the record
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException | java.time.DateTimeException e) {
            throw new ShapefileFormatException(name, record, "field " + f.name() + " (" + f.type()
                    + ") holds '" + text + "', which is not a valid " + typeName(f.type()));
        }
    }

    private static Boolean logical(String text) {
        return switch (Character.toUpperCase(text.charAt(0))) {
            case 'T', 'Y' -> Boolean.TRUE;
            case 'F', 'N' -> Boolean.FALSE;
            case '?' -> null;
            default -> throw new NumberFormatException(text);
        };
    }

    private static String typeName(char type) {
        return switch (type) {
            case 'N', 'F' -> "number";
            case 'L' -> "logical (T/F)";
            case 'D' -> "date (YYYYMMDD)";
            default -> "value";
        };
    }

    private List<DbfField> readFields() throws ShapefileFormatException {
        List<DbfField> list = new ArrayList<>();
        int offset = 1; // byte 0 of each record is the deletion flag
        for (int at = FIRST_DESCRIPTOR; ; at += DESCRIPTOR_BYTES) {
            if (at >= dbf.capacity()) {
                throw new ShapefileFormatException(name, 0, "field descriptors do not end (no 0x0D terminator)");
            }
            if (dbf.get(at) == HEADER_END || at >= headerLength - 1) {
                break;
            }
            if (at + DESCRIPTOR_BYTES > dbf.capacity()) {
                throw new ShapefileFormatException(name, 0, "field descriptor " + (list.size() + 1) + " is cut short");
            }
            byte[] rawName = nameBytes(at);
            char type = (char) dbf.get(at + 11);
            int length = Byte.toUnsignedInt(dbf.get(at + 16));
            int decimals = Byte.toUnsignedInt(dbf.get(at + 17));
            list.add(new DbfField(FieldNames.decode(rawName, charset), rawName, type, length, decimals, offset));
            offset += length;
        }
        if (offset > recordLength) {
            throw new ShapefileFormatException(name, 0, "fields need " + offset + " bytes but a record has " + recordLength);
        }
        return new ArrayList<>(list);
    }

    private byte[] nameBytes(int at) {
        int len = 0;
        while (len < 11 && dbf.get(at + len) != 0) {
            len++;
        }
        return bytes(at, len);
    }

    private byte[] bytes(int at, int length) {
        byte[] b = new byte[length];
        dbf.get(at, b);
        return b;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
