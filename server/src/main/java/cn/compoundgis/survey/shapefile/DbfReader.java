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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Object NOT_SET = new Object();

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
        try {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new ShapefileFormatException(name, 0, "file is " + channel.size() + " bytes; at most 2 GB can be read");
            }
            this.dbf = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
            if (dbf.capacity() < FIRST_DESCRIPTOR + 1) {
                throw new ShapefileFormatException(name, 0, "file is " + dbf.capacity() + " bytes, too short for a dBASE header");
            }
            this.recordCount = dbf.getInt(4);
            this.headerLength = Short.toUnsignedInt(dbf.getShort(8));
            this.recordLength = Short.toUnsignedInt(dbf.getShort(10));
            this.languageDriver = Byte.toUnsignedInt(dbf.get(LANGUAGE_DRIVER_OFFSET));
            checkHeader();
            this.fields = readFields();
        } catch (ShapefileFormatException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The header's counts against the file's real size, before any is trusted: a header claiming 2^30
     * records of a small file is refused here, not found out record by record. A file cut inside its last
     * record is read up to the cut (that record is reported); one that lacks whole records is refused.
     */
    private void checkHeader() throws ShapefileFormatException {
        if (headerLength < FIRST_DESCRIPTOR + 1 || headerLength > dbf.capacity()) {
            throw headerError("header length", "is " + headerLength + " bytes; it must be at least "
                    + (FIRST_DESCRIPTOR + 1) + " and at most the file's " + dbf.capacity() + " bytes");
        }
        if (recordLength < 1) {
            throw headerError("record length", "is 0; a record has at least its deletion flag");
        }
        if (recordCount < 0) {
            throw headerError("record count", "is negative (" + recordCount + ")");
        }
        long body = dbf.capacity() - (long) headerLength;
        long wholeRecords = body / recordLength;
        long present = wholeRecords + (body % recordLength > 1 ? 1 : 0); // a lone trailing byte is the 0x1A end mark
        if (recordCount > present) {
            throw headerError("record count", "says " + recordCount + " records of " + recordLength + " bytes ("
                    + (headerLength + (long) recordCount * recordLength) + " bytes with the header), but the file has "
                    + dbf.capacity() + " bytes: the header is wrong or the file is truncated");
        }
    }

    private ShapefileFormatException headerError(String field, String message) {
        return new ShapefileFormatException(name, 0, field, message);
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

    /**
     * The text bytes of the table, names and character values of the first records, to choose an encoding
     * from; at most {@code maxBytes} of values, whatever the number of fields and records.
     */
    public List<byte[]> textSamples(int maxRecords, int maxBytes) {
        List<byte[]> samples = new ArrayList<>();
        fields.forEach(f -> samples.add(FieldNames.withoutCutUtf8Tail(f.rawName())));
        int n = Math.min(maxRecords, recordCount);
        long taken = 0;
        for (int r = 0; r < n && taken < maxBytes; r++) {
            long at = headerLength + (long) r * recordLength;
            if (at + recordLength > dbf.capacity()) {
                break;
            }
            for (DbfField f : fields) {
                if (f.type() == 'C' && taken < maxBytes) {
                    samples.add(bytes((int) at + f.offset(), f.length()));
                    taken += f.length();
                }
            }
        }
        return samples;
    }

    public void decodeWith(Charset charset) throws ShapefileFormatException {
        this.charset = charset;
        List<DbfField> decoded = readFields();
        fields.clear();
        fields.addAll(decoded);
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
        byte[] unpadded = withoutPadding(raw, f.type() != 'C');
        if (indexOf(unpadded, (byte) 0) >= 0) {
            throw new ShapefileFormatException(name, record, f.name(), "holds a NUL byte inside its value; "
                    + "NUL may only pad a value at its end");
        }
        if (f.type() == 'C') {
            String text = new String(unpadded, charset);
            return text.isEmpty() ? null : text; // a DBF cannot tell an empty text from a missing one: GDAL says null
        }
        String text = new String(unpadded, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (text.isEmpty() || allAsterisks(unpadded) || (f.type() == 'D' && text.equals("00000000"))) {
            return null; // blanks, asterisks (overflow) or a zero date: no value
        }
        Optional<Object> value = switch (f.type()) {
            case 'N', 'F' -> number(f, text);
            case 'L' -> logical(text);
            case 'D' -> date(text);
            default -> Optional.of(text); // memo and other types: the raw text of the record
        };
        return value.map(v -> v == NOT_SET ? null : v).orElseThrow(() -> new ShapefileFormatException(name, record, f.name(), "(" + f.type()
                + ") holds '" + text + "', which is not a valid " + typeName(f.type())));
    }

    /**
     * The value's bytes less its padding: trailing spaces and NULs (NUL padding is common), and for
     * numbers, dates and logicals leading ones too.
     */
    private static byte[] withoutPadding(byte[] raw, boolean leadingToo) {
        int start = 0;
        int end = raw.length;
        while (end > start && (raw[end - 1] == 0 || raw[end - 1] == ' ')) {
            end--;
        }
        while (leadingToo && start < end && (raw[start] == 0 || raw[start] == ' ')) {
            start++;
        }
        return java.util.Arrays.copyOfRange(raw, start, end);
    }

    /** A numeric field too narrow for its value is filled with '*' (dBASE's overflow mark). */
    private static boolean allAsterisks(byte[] bytes) {
        for (byte b : bytes) {
            if (b != '*') {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<Object> number(DbfField f, String text) {
        return StrictNumber.parse(text).map(n -> f.decimals() == 0 || n instanceof Double ? n : (Object) n.doubleValue());
    }

    private static final Pattern DBF_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

    private static Optional<Object> date(String text) {
        Matcher m = DBF_DATE.matcher(text);
        if (!m.matches() || !ReaderLimits.DEFAULTS.isSaneYear(Integer.parseInt(m.group(1)))) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** T/Y/F/N; '?' is the dBASE "not set", read as no value (an empty Optional would mean "invalid"). */
    private static Optional<Object> logical(String text) {
        if (text.length() != 1) {
            return Optional.empty();
        }
        return switch (Character.toUpperCase(text.charAt(0))) {
            case 'T', 'Y' -> Optional.of(Boolean.TRUE);
            case 'F', 'N' -> Optional.of(Boolean.FALSE);
            case '?' -> Optional.of(NOT_SET);
            default -> Optional.empty();
        };
    }

    private static String typeName(char type) {
        return switch (type) {
            case 'N', 'F' -> "number";
            case 'L' -> "logical (T/F)";
            case 'D' -> "date (YYYYMMDD, years " + ReaderLimits.DEFAULTS.minYear() + "–" + ReaderLimits.DEFAULTS.maxYear() + ")";
            default -> "value";
        };
    }

    /** The field descriptors, inside the header (0x0D ends them early); together they must fit in a record. */
    private List<DbfField> readFields() throws ShapefileFormatException {
        List<DbfField> list = new ArrayList<>();
        int offset = 1; // byte 0 of each record is the deletion flag
        for (int at = FIRST_DESCRIPTOR; ; at += DESCRIPTOR_BYTES) {
            if (at + DESCRIPTOR_BYTES > headerLength || dbf.get(at) == HEADER_END) {
                break; // as GDAL: the header length bounds the descriptors, whether or not 0x0D ends them
            }
            byte[] rawName = nameBytes(at);
            String fieldName = FieldNames.decode(rawName, charset);
            char type = (char) dbf.get(at + 11);
            int length = Byte.toUnsignedInt(dbf.get(at + 16));
            int decimals = Byte.toUnsignedInt(dbf.get(at + 17));
            if (length == 0) {
                throw headerError(fieldName, "has length 0 (descriptor " + (list.size() + 1) + ")");
            }
            list.add(new DbfField(fieldName, rawName, type, length, decimals, offset));
            offset += length;
            if (offset > recordLength) {
                throw headerError("record length", "is " + recordLength + " bytes, but the fields up to "
                        + fieldName + " need " + offset);
            }
        }
        return list;
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
