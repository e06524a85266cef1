package cn.compoundgis.compounds;

import cn.compoundgis.http.ApiError;
import cn.compoundgis.survey.upload.UploadWorkspace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * A register as an XLSX workbook: the first sheet, or the one named by {@code sheet=}; row 1 the header (the column
 * names of a CSV import), every later row a compound, numbered as Excel shows it. The sheet XML is read as a stream
 * (StAX from POI's {@link XMLHelper}, which turns DTDs and external entities off), so the sheet's dimension is checked
 * against max_rows and max_columns before any row is read, and the rows again as they come. Cells keep their type: a
 * number as a number, a date-formatted number as an ISO date, text, a boolean, a formula as its cached value; an error
 * cell (#DIV/0!) refuses the file. POI's zip-bomb guard is set explicitly from import-columns.json (limits.xlsx).
 */
final class XlsxImport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The header is the sheet's first row (Excel's row 1). */
    private static final int HEADER_ROW = 1;
    /** How much of POI's or the XML parser's message a refusal quotes. */
    private static final int MAX_REASON_CHARS = 240;

    private final ImportColumns columns;
    private final ImportFile file;

    XlsxImport(ImportColumns columns, ImportFile file) {
        this.columns = columns;
        this.file = file;
        guardZip(columns.xlsxLimits());
    }

    /** POI's guard is process-wide; the values are set here rather than left to POI's defaults. */
    private static void guardZip(ImportColumns.XlsxLimits limits) {
        ZipSecureFile.setMinInflateRatio(limits.minInflateRatio());
        ZipSecureFile.setMaxEntrySize(limits.maxEntryBytes());
    }

    ImportFile.Rows read(ImportFile.Source source) {
        String name = source.fileName() == null || source.fileName().isBlank() ? "the workbook" : source.fileName();
        Path work = null;
        try {
            work = new UploadWorkspace(UploadWorkspace.defaultParent()).newFolder();
            Path book = Files.write(work.resolve("register.xlsx"), source.bytes());
            try (OPCPackage pkg = OPCPackage.open(book.toFile(), PackageAccess.READ)) {
                return read(new XSSFReader(pkg), name, source.sheet());
            }
        } catch (ApiError e) {
            throw e;
        } catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException e) {
            throw ApiError.badParameter(name + " is not an XLSX workbook, or is damaged: " + reason(e));
        } finally {
            delete(work);
        }
    }

    private static String reason(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
        String oneLine = message.replace("\u0000", "\\u0000").replaceAll("\\s+", " ").strip();
        return oneLine.length() > MAX_REASON_CHARS ? oneLine.substring(0, MAX_REASON_CHARS) + "…" : oneLine;
    }

    private static void delete(Path work) {
        if (work != null) {
            try {
                UploadWorkspace.deleteRecursively(work);
            } catch (IOException e) {
                // a leftover folder is removed at the next start (UploadWorkspace.removeLeftovers)
            }
        }
    }

    private ImportFile.Rows read(XSSFReader reader, String name, String sheetName)
            throws IOException, OpenXML4JException, XMLStreamException {
        reader.setUseReadOnlySharedStringsTable(true);
        Cells cells = new Cells(reader.getSharedStringsTable(), reader.getStylesTable(), date1904(reader));
        XSSFReader.SheetIterator sheets = reader.getSheetIterator();
        List<String> names = new ArrayList<>();
        while (sheets.hasNext()) {
            try (InputStream sheet = sheets.next()) {
                String title = sheets.getSheetName();
                names.add(title);
                if (sheetName == null || sheetName.isBlank() || title.equals(sheetName.strip())) {
                    return new SheetRead(name + " sheet '" + CompoundInput.shown(title) + "'", cells).read(sheet);
                }
            }
        }
        throw ApiError.badParameter(names.isEmpty() ? name + " has no sheet"
                : name + " has no sheet '" + CompoundInput.shown(sheetName) + "'; its sheets are " + names);
    }

    private static XMLStreamReader xml(InputStream in) throws XMLStreamException {
        XMLInputFactory factory = XMLHelper.newXMLInputFactory();
        return factory.createXMLStreamReader(in);
    }

    /** Whether the workbook counts dates from 1904 (old Mac Excel) rather than 1900. */
    private static boolean date1904(XSSFReader reader) throws IOException, OpenXML4JException, XMLStreamException {
        try (InputStream in = reader.getWorkbookData()) {
            XMLStreamReader x = xml(in);
            while (x.hasNext()) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("workbookPr")) {
                    String v = x.getAttributeValue(null, "date1904");
                    return "1".equals(v) || "true".equals(v);
                }
            }
            return false;
        }
    }

    /** How a cell's stored text becomes a value: shared strings, number formats (dates), the date system. */
    private record Cells(SharedStrings strings, StylesTable styles, boolean date1904) {
    }

    /** One cell as stored: its column (0-based), type attribute, style index, value text and inline text. */
    private record Cell(int column, String type, int style, String value, String inline) {
    }

    /** One pass over a sheet's XML. */
    private final class SheetRead {
        private final String where;
        private final Cells cells;
        private final ImportColumns.Limits limits = columns.limits();
        private List<String> fields;
        private final List<String> header = new ArrayList<>();
        private final Set<String> ignored = new LinkedHashSet<>();
        private final Map<String, String> used = new LinkedHashMap<>();
        private final List<ImportFile.Row> rows = new ArrayList<>();
        private boolean hasWkt;
        private final Set<Integer> srids = new HashSet<>();

        SheetRead(String where, Cells cells) {
            this.where = where;
            this.cells = cells;
        }

        private int rowNumber;
        private Map<Integer, Cell> row;
        private int column = -1;
        private String type;
        private int style;
        private StringBuilder value;
        private StringBuilder inline;
        private boolean inInline;
        private boolean inPhonetic;
        private boolean inText;

        ImportFile.Rows read(InputStream sheet) throws XMLStreamException {
            XMLStreamReader x = xml(sheet);
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    start(x);
                } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && inText) {
                    inline.append(x.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT && end(x.getLocalName())) {
                    break;
                }
            }
            return finish();
        }

        private void start(XMLStreamReader x) throws XMLStreamException {
            switch (x.getLocalName()) {
                case "dimension" -> checkDimension(x.getAttributeValue(null, "ref"));
                case "row" -> {
                    rowNumber = rowNumber(x.getAttributeValue(null, "r"), rowNumber);
                    row = new TreeMap<>();
                    column = -1;
                }
                case "c" -> startCell(x);
                case "is" -> inInline = true;
                case "rPh" -> inPhonetic = true;
                case "t" -> inText = inInline && !inPhonetic && inline != null;
                case "v" -> {
                    if (value == null) {
                        throw damaged("row " + rowNumber + " has a value outside a cell");
                    }
                    value.append(x.getElementText()); // the reader is now on </v>
                }
                default -> {
                }
            }
        }

        private void startCell(XMLStreamReader x) {
            if (row == null) {
                throw damaged("has a cell outside a row");
            }
            column = column(x.getAttributeValue(null, "r"), column, rowNumber);
            type = x.getAttributeValue(null, "t");
            String s = x.getAttributeValue(null, "s");
            try {
                style = s == null ? 0 : Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw damaged("row " + rowNumber + " has a cell of style '" + CompoundInput.shown(s) + "'");
            }
            value = new StringBuilder();
            inline = new StringBuilder();
        }

        /** The end of an element; true at the end of the sheet's data. */
        private boolean end(String element) {
            switch (element) {
                case "c" -> {
                    row.put(column, new Cell(column, type, style, value.toString(), inline.toString()));
                    value = null;
                    inline = null;
                }
                case "is" -> inInline = false;
                case "rPh" -> inPhonetic = false;
                case "t" -> inText = false;
                case "row" -> {
                    endRow(rowNumber, row);
                    row = null;
                }
                default -> {
                }
            }
            return element.equals("sheetData");
        }

        private ApiError damaged(String what) {
            return ApiError.badParameter(where + " " + what + ": the workbook is damaged");
        }

        private void checkDimension(String ref) {
            if (ref == null || ref.isBlank()) {
                return;
            }
            CellRangeAddress range;
            try {
                range = ref.contains(":") ? CellRangeAddress.valueOf(ref) : new CellRangeAddress(
                        new CellReference(ref).getRow(), new CellReference(ref).getRow(),
                        new CellReference(ref).getCol(), new CellReference(ref).getCol());
            } catch (RuntimeException e) {
                throw ApiError.badParameter(where + " has a dimension '" + CompoundInput.shown(ref) + "' that is not a"
                        + " cell range: the workbook is damaged");
            }
            int lastRow = range.getLastRow() + 1;
            int lastColumn = range.getLastColumn() + 1;
            if (lastRow - HEADER_ROW > limits.maxRows()) {
                throw ApiError.overLimit(where + " reaches row " + lastRow + " (its dimension is " + ref + "): at most "
                        + limits.maxRows() + " rows besides the header per import: split it");
            }
            if (lastColumn > limits.maxColumns()) {
                throw ApiError.overLimit(where + " reaches column " + CellReference.convertNumToColString(lastColumn - 1)
                        + " (" + lastColumn + " columns, its dimension is " + ref + "): at most " + limits.maxColumns()
                        + " columns per import");
            }
        }

        private int rowNumber(String r, int previous) {
            int number;
            try {
                number = r == null ? previous + 1 : Integer.parseInt(r);
            } catch (NumberFormatException e) {
                throw ApiError.badParameter(where + " has a row numbered '" + CompoundInput.shown(r) + "': damaged");
            }
            if (number <= previous) {
                throw ApiError.badParameter(where + " has row " + number + " after row " + previous + ": damaged");
            }
            if (number - HEADER_ROW > limits.maxRows()) {
                throw ApiError.overLimit(where + " has a row " + number + ": at most " + limits.maxRows()
                        + " rows besides the header per import: split it");
            }
            return number;
        }

        private int column(String r, int previous, int rowNumber) {
            int col;
            if (r == null) {
                col = previous + 1;
            } else {
                CellReference ref;
                try {
                    ref = new CellReference(r);
                } catch (RuntimeException e) {
                    throw ApiError.badParameter(where + " row " + rowNumber + " has a cell '" + CompoundInput.shown(r)
                            + "' that is not a cell reference: damaged");
                }
                col = ref.getCol();
                if (ref.getRow() + 1 != rowNumber || col <= previous) {
                    throw ApiError.badParameter(where + " row " + rowNumber + " holds cell " + CompoundInput.shown(r)
                            + " out of place: damaged");
                }
            }
            if (col >= limits.maxColumns()) {
                throw ApiError.overLimit(where + " row " + rowNumber + " has a cell in column "
                        + CellReference.convertNumToColString(col) + ": at most " + limits.maxColumns()
                        + " columns per import");
            }
            return col;
        }

        private void endRow(int rowNumber, Map<Integer, Cell> row) {
            if (fields == null) {
                readHeader(rowNumber, row);
                return;
            }
            ObjectNode values = NODES.objectNode();
            for (Cell cell : row.values()) {
                String field = cell.column() < fields.size() ? fields.get(cell.column()) : null;
                if (field == null) {
                    if (cell.column() >= fields.size() && value(cell, rowNumber) != null) {
                        ignored.add("(column " + CellReference.convertNumToColString(cell.column()) + ", no header)");
                    }
                    continue;
                }
                JsonNode v = value(cell, rowNumber);
                if (v == null) {
                    continue;
                }
                if (field.equals(CompoundInput.BOUNDARY)) {
                    boundary(values, v.asText());
                } else {
                    ImportFile.put(values, field, file.typedValue(field, v));
                }
            }
            if (!values.isEmpty()) {
                rows.add(new ImportFile.Row(rowNumber, values));
            }
        }

        private void readHeader(int rowNumber, Map<Integer, Cell> row) {
            if (rowNumber != HEADER_ROW) {
                throw ApiError.badParameter(where + ": row 1 must be the header (code/小区编码, name/小区名称 ...);"
                        + " the first row with cells is row " + rowNumber);
            }
            int width = row.isEmpty() ? 0 : ((TreeMap<Integer, Cell>) row).lastKey() + 1;
            for (int c = 0; c < width; c++) {
                Cell cell = row.get(c);
                JsonNode v = cell == null ? null : value(cell, rowNumber);
                header.add(v == null || v.asText().isBlank() ? "(column " + CellReference.convertNumToColString(c) + ")"
                        : v.asText().strip());
            }
            List<String> unknown = new ArrayList<>();
            fields = file.headerFields(header, columns::field, unknown, used);
            ignored.addAll(unknown);
        }

        private void boundary(ObjectNode values, String cell) {
            hasWkt = true;
            Matcher srid = ImportFile.EWKT_SRID.matcher(cell.strip());
            srids.add(srid.find() ? Integer.valueOf(srid.group(1)) : null);
            values.set(CompoundInput.BOUNDARY, file.wkt(srid.replaceFirst("")));
        }

        /** The cell's value: text, a number, a boolean, an ISO date (text); null when it is empty. */
        private JsonNode value(Cell cell, int rowNumber) {
            String type = cell.type() == null ? "n" : cell.type();
            String v = cell.value();
            return switch (type) {
                case "s" -> v.isEmpty() ? null : text(sharedString(v, cell, rowNumber));
                case "inlineStr" -> text(cell.inline().isEmpty() ? v : cell.inline());
                case "str" -> text(v);
                case "b" -> v.isEmpty() ? null : NODES.booleanNode("1".equals(v.strip()) || "true".equals(v.strip()));
                case "e" -> throw ApiError.badParameter(where + " cell " + ref(cell, rowNumber) + " holds the error "
                        + CompoundInput.shown(v) + " (a formula that fails): fix it in the workbook");
                case "d" -> text(isoDate(v));
                case "n" -> v.isEmpty() ? null : number(v, cell, rowNumber);
                default -> throw ApiError.badParameter(where + " cell " + ref(cell, rowNumber) + " has the type '"
                        + CompoundInput.shown(type) + "', which is not one of a sheet's cells: damaged");
            };
        }

        private JsonNode text(String s) {
            return s == null || s.isBlank() ? null : NODES.textNode(s);
        }

        private String sharedString(String index, Cell cell, int rowNumber) {
            try {
                return cells.strings().getItemAt(Integer.parseInt(index.strip())).getString();
            } catch (RuntimeException e) {
                throw ApiError.badParameter(where + " cell " + ref(cell, rowNumber) + " names shared string "
                        + CompoundInput.shown(index) + ", which the workbook does not have: damaged");
            }
        }

        private JsonNode number(String v, Cell cell, int rowNumber) {
            BigDecimal number;
            try {
                number = new BigDecimal(v.strip());
            } catch (NumberFormatException e) {
                throw ApiError.badParameter(where + " cell " + ref(cell, rowNumber) + " holds '" + CompoundInput.shown(v)
                        + "' as a number: damaged");
            }
            if (isDateFormatted(cell.style()) && DateUtil.isValidExcelDate(number.doubleValue())) {
                return NODES.textNode(iso(DateUtil.getLocalDateTime(number.doubleValue(), cells.date1904())));
            }
            BigDecimal plain = number.stripTrailingZeros();
            if (plain.scale() <= 0 && plain.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
                return NODES.numberNode(plain.longValueExact());
            }
            return NODES.numberNode(plain);
        }

        private boolean isDateFormatted(int style) {
            if (cells.styles() == null || style < 0 || style >= cells.styles().getNumCellStyles()) {
                return false;
            }
            XSSFCellStyle s = cells.styles().getStyleAt(style);
            return s != null && DateUtil.isADateFormat(s.getDataFormat(), s.getDataFormatString());
        }

        private String ref(Cell cell, int rowNumber) {
            return CellReference.convertNumToColString(cell.column()) + rowNumber;
        }

        private ImportFile.Rows finish() {
            if (fields == null) {
                throw ApiError.badParameter(where + " is empty: row 1 must be the header (code/小区编码, name/小区名称 ...)");
            }
            return new ImportFile.Rows(ImportFile.Format.XLSX, "UTF-8", rows, List.copyOf(ignored), hasWkt, srids, used);
        }
    }

    /** A date, or a date and time when the time is not midnight (a register's dates are days). */
    private static String iso(LocalDateTime t) {
        return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
    }

    /** A cell of type d holds ISO 8601 text already; a midnight time is dropped. */
    private static String isoDate(String v) {
        String s = v.strip();
        return s.endsWith("T00:00:00") ? s.substring(0, s.length() - "T00:00:00".length()) : s;
    }
}
