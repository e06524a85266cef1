package cn.compoundgis.compounds;

import cn.compoundgis.http.ApiError;
import cn.compoundgis.survey.crs.CrsDetection;
import cn.compoundgis.survey.crs.PrjCrs;
import cn.compoundgis.survey.shapefile.DbfField;
import cn.compoundgis.survey.shapefile.ShapeRecord;
import cn.compoundgis.survey.shapefile.ShapeType;
import cn.compoundgis.survey.shapefile.Shapefile;
import cn.compoundgis.survey.shapefile.ShapefileFormatException;
import cn.compoundgis.survey.shapefile.ShapefileSet;
import cn.compoundgis.survey.upload.SafeZip;
import cn.compoundgis.survey.upload.UploadLimits;
import cn.compoundgis.survey.upload.UploadWorkspace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A register as a zipped shapefile of boundaries (one layer: .shp with .shx, .dbf, .prj, .cpg), read by the survey
 * upload's own parts: {@link SafeZip} unpacks it (zip slip, bombs, CRC), {@link Shapefile} reads it strictly (every
 * header count against the file size, .cpg / language byte / GBK detection), {@link PrjCrs} tells the EPSG code of its
 * .prj. The .dbf fields are the import's columns, matched in both dialects and as names cut to 10 bytes
 * ({@link ImportColumns#dbfField}); a row is a .dbf record, numbered as the .dbf numbers it.
 */
record ShapefileImport(ImportColumns columns, ImportFile file) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The largest whole number a double holds exactly (2^53): a DBF number beyond it is kept as a decimal. */
    private static final double EXACT_WHOLE = 9_007_199_254_740_992d;

    ImportFile.Rows read(ImportFile.Source source) {
        String zipName = source.fileName() == null || source.fileName().isBlank() ? "the zip" : source.fileName();
        Path work = null;
        try {
            work = new UploadWorkspace(UploadWorkspace.defaultParent()).newFolder();
            Path zip = work.resolve("register.zip");
            Files.write(zip, source.bytes());
            Path unpacked = Files.createDirectories(work.resolve("unpacked"));
            SafeZip.extract(zip, zipName, unpacked, uploadLimits(source.bytes().length));
            return read(onlyLayer(ShapefileSet.findAll(unpacked), zipName), source.encoding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (work != null) {
                try {
                    UploadWorkspace.deleteRecursively(work);
                } catch (IOException e) {
                    // a leftover folder is removed at the next start (UploadWorkspace.removeLeftovers)
                }
            }
        }
    }

    private UploadLimits uploadLimits(long zipBytes) {
        ImportColumns.ZipLimits z = columns.zipLimits();
        return new UploadLimits(zipBytes, z.maxUnpackedBytes(), z.maxEntries(), z.maxCompressionRatio(),
                z.ratioFloorBytes(), z.maxEntryNameBytes());
    }

    private static ShapefileSet onlyLayer(List<ShapefileSet> sets, String zipName) {
        if (sets.isEmpty()) {
            throw ApiError.badParameter(zipName + " holds no shapefile (.shp): a register as a shapefile is a zip of"
                    + " one layer's .shp, .shx, .dbf and .prj");
        }
        if (sets.size() > 1) {
            throw ApiError.badParameter(zipName + " holds " + sets.size() + " shapefiles ("
                    + String.join(", ", sets.stream().map(s -> s.shp().getFileName().toString()).toList())
                    + "); send the register's boundary layer alone");
        }
        return sets.get(0);
    }

    private ImportFile.Rows read(ShapefileSet set, String encoding) throws IOException {
        String shpName = set.shp().getFileName().toString();
        if (set.dbf().isEmpty()) {
            throw ApiError.badParameter(shpName + " has no .dbf: a register's boundaries need their attributes"
                    + " (小区编码/XQBM, 小区名称/XQMC ...); put " + set.layerName() + ".dbf in the zip");
        }
        try (Shapefile shapefile = Shapefile.open(set, Optional.ofNullable(encoding).filter(e -> !e.isBlank()))) {
            requirePolygons(shapefile, shpName);
            String dbfName = set.dbf().get().getFileName().toString();
            Charset charset = shapefile.encoding().charset();
            List<String> header = shapefile.fields().stream().map(DbfField::name).toList();
            if (header.size() > columns.limits().maxColumns()) {
                throw ApiError.overLimit(dbfName + " has " + header.size() + " fields; at most "
                        + columns.limits().maxColumns() + " per import");
            }
            List<String> ignored = new ArrayList<>();
            Map<String, String> used = new LinkedHashMap<>();
            List<String> fields = file.headerFields(header, name -> columns.dbfField(name, charset)
                    .filter(f -> !f.equals(CompoundInput.BOUNDARY)), ignored, used);
            Map<String, String> fieldByDbfName = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (fields.get(i) != null) {
                    fieldByDbfName.put(header.get(i), fields.get(i));
                }
            }
            List<ImportFile.Row> rows = readRecords(shapefile, fieldByDbfName, dbfName);
            Prj prj = prj(shapefile, shpName);
            return new ImportFile.Rows(ImportFile.Format.SHAPEFILE, shapefile.encoding().name(), rows, ignored, false,
                    Set.of(), prj.srid(), prj.note(), used);
        } catch (ShapefileFormatException e) {
            throw ApiError.badParameter(e.getMessage() + "; nothing was imported");
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter(e.getMessage());
        }
    }

    private static void requirePolygons(Shapefile shapefile, String shpName) {
        ShapeType type = shapefile.shapeType();
        if (type.kind() != ShapeType.Kind.POLYGON) {
            throw ApiError.badParameter(shpName + " holds " + type.name() + " shapes; a register's boundaries are"
                    + " polygons (Polygon or MultiPolygon, shape type 5, 15 or 25)");
        }
    }

    private List<ImportFile.Row> readRecords(Shapefile shapefile, Map<String, String> fieldByDbfName, String dbfName)
            throws IOException, ShapefileFormatException {
        List<ImportFile.Row> rows = new ArrayList<>();
        int maxRows = columns.limits().maxRows();
        try {
            shapefile.read(new Shapefile.Visitor() {
                @Override
                public void record(ShapeRecord record) {
                    if (rows.size() == maxRows) {
                        throw ApiError.overLimit(dbfName + " has more than " + maxRows + " records; at most " + maxRows
                                + " per import: split it");
                    }
                    rows.add(new ImportFile.Row(record.number(), values(record, fieldByDbfName)));
                }

                @Override
                public void unreadableShape(int number, ShapefileFormatException problem, Map<String, Object> attributes) {
                    record(new ShapeRecord(number, null, attributes));
                    ObjectNode unreadable = NODES.objectNode();
                    unreadable.put("type", "a shape that cannot be read (" + problem.getMessage() + ")");
                    rows.get(rows.size() - 1).values().set(CompoundInput.BOUNDARY, unreadable);
                }

                @Override
                public void problem(ShapefileFormatException problem) throws ShapefileFormatException {
                    throw problem;
                }
            });
        } catch (ShapefileFormatException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private ObjectNode values(ShapeRecord record, Map<String, String> fieldByDbfName) {
        ObjectNode values = NODES.objectNode();
        fieldByDbfName.forEach((dbfName, field) -> {
            JsonNode value = value(field, record.attributes().get(dbfName));
            if (value != null) {
                ImportFile.put(values, field, value);
            }
        });
        if (record.geometry() != null) {
            values.set(CompoundInput.BOUNDARY, ImportFile.geoJson(record.geometry()));
        }
        return values;
    }

    /** A .dbf value as a POST body holds it (null for an empty one); a code is text even from an N field (1001). */
    private JsonNode value(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s.isBlank() ? null : file.cellValue(field, s.strip());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof LocalDate d) {
            return NODES.textNode(d.toString());
        }
        return file.typedValue(field, number(value));
    }

    private static JsonNode number(Object value) {
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < EXACT_WHOLE) {
                return NODES.numberNode(d.longValue());
            }
            return Double.isFinite(d) ? NODES.numberNode(BigDecimal.valueOf(d)) : NODES.textNode(String.valueOf(d));
        }
        return NODES.textNode(String.valueOf(value));
    }

    /** The EPSG code the .prj names, or why there is none (the import then needs crs=). */
    private record Prj(Integer srid, String note) {
    }

    private static Prj prj(Shapefile shapefile, String shpName) throws IOException {
        Optional<String> text = shapefile.prjText();
        String prjName = shpName.replaceFirst("(?i)\\.shp$", ".prj");
        if (text.isEmpty()) {
            return new Prj(null, shpName + " has no .prj, so the CRS of its boundaries is unknown: give crs (e.g."
                    + " crs=EPSG:4548, CGCS2000 3-degree Gauss-Kruger CM 117E)");
        }
        CrsDetection detection = PrjCrs.fromPrj(text.get());
        if (!detection.isKnown()) {
            return new Prj(null, prjName + ": " + detection.how() + " (crs=EPSG:nnnn, e.g. crs=EPSG:4548)");
        }
        return new Prj(detection.epsg(), prjName + ": " + detection.how());
    }
}
