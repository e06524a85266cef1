package cn.compoundgis.survey.shapefile;

import cn.compoundgis.http.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;

/**
 * An opened shapefile layer: geometry, attributes, the encoding chosen for its text and its .prj text.
 * Records are visited in order; a record that cannot be read is reported with its number and the
 * reading goes on where the file allows it.
 */
public final class Shapefile implements AutoCloseable {
    private static final int ENCODING_SAMPLE_RECORDS = 5_000;
    private static final int ENCODING_SAMPLE_BYTES = 1 << 20;

    private final ShapefileSet files;
    private final ShpReader shp;
    private final Optional<DbfReader> dbf;
    private final TextEncoding.Choice encoding;
    private final List<LayerWarning> warnings = new ArrayList<>();

    /** What a reading pass reports, record by record. */
    public interface Visitor {
        void record(ShapeRecord record) throws Exception;

        void problem(ShapefileFormatException problem) throws Exception;

        /**
         * A record whose shape cannot be read, with its attributes (empty without a .dbf): by default a
         * {@link #problem}; a reader that reports per record (the compound register import) takes it as that
         * record's error.
         */
        default void unreadableShape(int number, ShapefileFormatException problem, Map<String, Object> attributes)
                throws Exception {
            problem(problem);
        }
    }

    private Shapefile(ShapefileSet files, ShpReader shp, Optional<DbfReader> dbf, TextEncoding.Choice encoding) {
        this.files = files;
        this.shp = shp;
        this.dbf = dbf;
        this.encoding = encoding;
    }

    public static Shapefile open(ShapefileSet files, Optional<String> requestedEncoding)
            throws IOException, ShapefileFormatException {
        requireText(files.prj(), ReaderLimits.DEFAULTS);
        requireText(files.cpg(), ReaderLimits.DEFAULTS);
        ShpReader shp = new ShpReader(files.shp(), files.shx().orElse(null));
        Optional<DbfReader> dbfToClose = Optional.empty();
        try {
            Optional<DbfReader> dbf = Optional.empty();
            dbfToClose = dbf;
            TextEncoding.Choice encoding = new TextEncoding.Choice(StandardCharsets.UTF_8, "no .dbf: no text",
                    Message.of("no_dbf"), Optional.empty());
            if (files.dbf().isPresent()) {
                DbfReader reader = new DbfReader(files.dbf().get(), StandardCharsets.UTF_8);
                dbf = Optional.of(reader);
                dbfToClose = dbf;
                Optional<String> cpg = files.cpg().isPresent() ? Optional.of(Files.readString(files.cpg().get(), StandardCharsets.ISO_8859_1)) : Optional.empty();
                encoding = TextEncoding.choose(requestedEncoding, cpg, reader.languageDriver(), reader.textSamples(ENCODING_SAMPLE_RECORDS, ENCODING_SAMPLE_BYTES));
                reader.decodeWith(encoding.charset());
                requireSameRecordCount(files, shp, reader);
            }
            Shapefile shapefile = new Shapefile(files, shp, dbf, encoding);
            shapefile.noteMissingCompanions();
            return shapefile;
        } catch (IOException | ShapefileFormatException | RuntimeException e) {
            shp.close();
            dbfToClose.ifPresent(Shapefile::closeQuietly);
            throw e;
        }
    }

    /** The .shp (by its index, or its chained records) and the .dbf must have as many records: each holds half a feature. */
    private static void requireSameRecordCount(ShapefileSet files, ShpReader shp, DbfReader dbf) throws ShapefileFormatException {
        if (shp.recordCount() != dbf.recordCount()) {
            String dbfName = files.dbf().orElseThrow().getFileName().toString();
            throw new ShapefileFormatException(dbfName, 0, "record count", "is " + dbf.recordCount() + " but "
                    + files.shp().getFileName() + " has " + shp.recordCount() + " records"
                    + (shp.indexedRecordCount() >= 0 ? " (by its .shx)" : "")
                    + ": the files do not belong together, or one of them is damaged");
        }
    }

    private static void closeQuietly(DbfReader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // already failing: the first error is the one to report
        }
    }

    private void noteMissingCompanions() {
        if (files.shx().isEmpty()) {
            warnings.add(new LayerWarning("shx_missing", files.layerName() + ".shx is missing: records were read in sequence",
                    Map.of("layer", files.layerName())));
        }
        if (files.dbf().isEmpty()) {
            warnings.add(new LayerWarning("dbf_missing", files.layerName() + ".dbf is missing: the layer has no attributes",
                    Map.of("layer", files.layerName())));
        }
        encoding.warning().ifPresent(warnings::add);
        warnings.addAll(shp.warnings());
    }

    public ShapefileSet files() {
        return files;
    }

    public ShapeType shapeType() {
        return shp.shapeType();
    }

    public org.locationtech.jts.geom.Envelope headerBounds() {
        return shp.headerBounds();
    }

    public TextEncoding.Choice encoding() {
        return encoding;
    }

    public List<DbfField> fields() {
        return dbf.map(DbfReader::fields).orElse(List.of());
    }

    /** The .prj's text; bytes that are not UTF-8 become U+FFFD (the text then names no known CRS). */
    public Optional<String> prjText() throws IOException {
        return files.prj().isPresent() ? Optional.of(new String(Files.readAllBytes(files.prj().get()), StandardCharsets.UTF_8).strip())
                : Optional.empty();
    }

    /**
     * A .prj or .cpg is a line of text: one of megabytes is not one, and is not read into memory; one with
     * NUL or other control bytes is damaged (its CRS must not be guessed from what is left).
     */
    private static void requireText(Optional<java.nio.file.Path> companion, ReaderLimits limits)
            throws IOException, ShapefileFormatException {
        if (companion.isEmpty()) {
            return;
        }
        String name = companion.get().getFileName().toString();
        long size = Files.size(companion.get());
        if (size > limits.maxCompanionTextBytes()) {
            throw new ShapefileFormatException(name, 0, "is " + size + " bytes; a .prj or .cpg of more than "
                    + limits.maxCompanionTextBytes() + " bytes is not one");
        }
        byte[] bytes = Files.readAllBytes(companion.get());
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if ((b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7F) {
                throw new ShapefileFormatException(name, 0, String.format("holds the control byte 0x%02X at byte %d: it is not text (damaged?)", b, i));
            }
        }
    }

    public List<LayerWarning> warnings() {
        return warnings;
    }

    /** Reads every record in order; deleted DBF records are skipped, as GDAL does. */
    public void read(Visitor visitor) throws Exception {
        int dbfCount = dbf.map(DbfReader::recordCount).orElse(0);
        int number = 0;
        while (shp.hasNext()) {
            number = shp.nextRecordNumber();
            Geometry geometry;
            try {
                geometry = shp.next();
            } catch (ShapefileFormatException e) {
                if (shp.indexedRecordCount() < 0) {
                    visitor.problem(e);
                    return; // without an index the next record cannot be found
                }
                visitor.unreadableShape(number, e, attributesOrNone(number, dbfCount));
                continue;
            }
            readAttributes(number, geometry, dbfCount, visitor);
        }
        for (int extra = number + 1; extra <= dbfCount; extra++) {
            visitor.problem(new ShapefileFormatException(files.shp().getFileName().toString(), extra,
                    "is missing: the .dbf has " + dbfCount + " records but the .shp ends after " + number));
        }
    }

    /** The attributes of a record whose shape failed, when they can be read; else none. */
    private Map<String, Object> attributesOrNone(int number, int dbfCount) {
        if (dbf.isEmpty() || number > dbfCount) {
            return Map.of();
        }
        try {
            return dbf.get().isDeleted(number) ? Map.of() : new LinkedHashMap<>(dbf.get().read(number));
        } catch (ShapefileFormatException | RuntimeException e) {
            return Map.of();
        }
    }

    private void readAttributes(int number, Geometry geometry, int dbfCount, Visitor visitor) throws Exception {
        if (dbf.isEmpty()) {
            visitor.record(new ShapeRecord(number, geometry, Map.of()));
            return;
        }
        if (number > dbfCount) {
            visitor.problem(new ShapefileFormatException(files.dbf().get().getFileName().toString(), number,
                    "is missing: the .shp has more records than the .dbf (" + dbfCount + ")"));
            return;
        }
        try {
            if (!dbf.get().isDeleted(number)) {
                visitor.record(new ShapeRecord(number, geometry, new LinkedHashMap<>(dbf.get().read(number))));
            }
        } catch (ShapefileFormatException e) {
            visitor.problem(e);
        }
    }

    @Override
    public void close() throws IOException {
        shp.close();
        if (dbf.isPresent()) {
            dbf.get().close();
        }
    }
}
