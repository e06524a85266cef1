package cn.compoundgis.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The compound table as an XLSX workbook for Excel and WPS, written with POI's streaming {@link SXSSFWorkbook}: only
 * the last {@value #WINDOW_ROWS} rows are held in memory, older ones go to a compressed temporary file that
 * {@link #close()} deletes. Sheet 1 holds the table (typed cells: numbers, dates with a date format, 是/否 or
 * yes/no; a frozen, filterable header; column widths from the longest value); sheet 2 says what was exported, how
 * it was filtered and sorted, and when.
 */
final class DashboardXlsx implements AutoCloseable {
    static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Rows SXSSF keeps in memory before it flushes them to its temporary file. */
    static final int WINDOW_ROWS = 100;
    /** Bounds of a column's width in characters (a Chinese character counts two). */
    private static final int MIN_WIDTH_CHARS = 6;
    private static final int MAX_WIDTH_CHARS = 40;
    /** Room for the autofilter's drop-down button beside a header, in characters. */
    private static final int FILTER_BUTTON_CHARS = 3;
    /** Excel column widths are in 1/256 of a character. */
    private static final int WIDTH_UNITS_PER_CHAR = 256;
    private static final String DATE_FORMAT = "yyyy-mm-dd";
    private static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";

    /** What the export was: filters, sort, rows, time and the request, for sheet 2. */
    record Notes(DashboardFilter filter, String sort, String order, long rows, ZonedDateTime exportedAt,
                 String request) {
    }

    private final ExportLanguage lang;
    private final SXSSFWorkbook workbook;
    private final SXSSFSheet table;
    private final Map<DashboardColumn.Kind, CellStyle> styles = new EnumMap<>(DashboardColumn.Kind.class);
    private final CellStyle headerStyle;
    private final int[] widths = new int[DashboardColumn.values().length];
    private int nextRow;

    DashboardXlsx(ExportLanguage lang) {
        this.lang = lang;
        workbook = new SXSSFWorkbook(WINDOW_ROWS);
        workbook.setCompressTempFiles(true);
        table = workbook.createSheet(lang.english() ? "Compounds" : "小区一览");
        headerStyle = headerStyle();
        styles.put(DashboardColumn.Kind.YEAR, numberStyle("0"));
        styles.put(DashboardColumn.Kind.COUNT, numberStyle("#,##0"));
        styles.put(DashboardColumn.Kind.MEASURE, numberStyle("#,##0.0"));
        styles.put(DashboardColumn.Kind.DATE, numberStyle(DATE_FORMAT));
        writeHeader();
    }

    private void writeHeader() {
        Row header = table.createRow(nextRow++);
        for (DashboardColumn column : DashboardColumn.values()) {
            Cell cell = header.createCell(column.ordinal());
            cell.setCellValue(column.header(lang));
            cell.setCellStyle(headerStyle);
            widen(column.ordinal(), displayWidth(column.header(lang)) + FILTER_BUTTON_CHARS);
        }
        table.createFreezePane(0, 1);
    }

    void add(DashboardQueries.Row row) {
        Row out = table.createRow(nextRow++);
        for (DashboardColumn column : DashboardColumn.values()) {
            Object value = column.value(row);
            if (value != null) {
                write(out.createCell(column.ordinal()), column, value);
            }
        }
    }

    private void write(Cell cell, DashboardColumn column, Object value) {
        int width = switch (column.kind) {
            case TEXT -> text(cell, (String) value);
            case STATUS -> text(cell, DashboardApi.statusLabel((String) value, lang.english()));
            case YES_NO -> text(cell, DashboardColumn.yesNo((Boolean) value, lang));
            case DATE -> {
                cell.setCellValue((LocalDate) value);
                yield DATE_FORMAT.length();
            }
            case YEAR, COUNT, MEASURE -> {
                BigDecimal number = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
                cell.setCellValue(number.doubleValue());
                int digits = number.toBigInteger().abs().toString().length();
                // digits, thousands separators, sign and one decimal
                yield digits + (digits - 1) / 3 + (number.signum() < 0 ? 1 : 0) + 2;
            }
        };
        CellStyle style = styles.get(column.kind);
        if (style != null) {
            cell.setCellStyle(style);
        }
        widen(column.ordinal(), width);
    }

    private static int text(Cell cell, String value) {
        cell.setCellValue(value);
        return displayWidth(value);
    }

    /** Ends the table (autofilter over it, column widths) and adds the sheet that describes the export. */
    void finish(Notes notes) {
        int lastColumn = DashboardColumn.values().length - 1;
        table.setAutoFilter(new CellRangeAddress(0, Math.max(0, nextRow - 1), 0, lastColumn));
        for (int i = 0; i <= lastColumn; i++) {
            int chars = Math.min(MAX_WIDTH_CHARS, Math.max(MIN_WIDTH_CHARS, widths[i])) + 1;
            table.setColumnWidth(i, chars * WIDTH_UNITS_PER_CHAR);
        }
        new ExportNotes(notes).write();
    }

    void write(OutputStream out) throws IOException {
        workbook.write(out);
    }

    /** Deletes SXSSF's temporary files and closes the workbook. */
    @Override
    public void close() throws IOException {
        try {
            workbook.dispose();
        } finally {
            workbook.close();
        }
    }

    private void widen(int column, int chars) {
        widths[column] = Math.max(widths[column], chars);
    }

    /** Width in characters as Excel draws them: CJK and full-width characters take two. */
    static int displayWidth(String text) {
        return text.codePoints().map(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                || (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0xFF00 && cp <= 0xFFEF) ? 2 : 1).sum();
    }

    private CellStyle headerStyle() {
        Font bold = workbook.createFont();
        bold.setBold(true);
        CellStyle style = workbook.createCellStyle();
        style.setFont(bold);
        style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
        return style;
    }

    private CellStyle numberStyle(String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }

    /** Sheet 2: what was exported (filters applied, sort, rows), when, and the request that gives it again. */
    private final class ExportNotes {
        private final Notes notes;
        private final SXSSFSheet sheet;
        private int row;

        ExportNotes(Notes notes) {
            this.notes = notes;
            this.sheet = workbook.createSheet(lang.english() ? "Export" : "导出说明");
        }

        void write() {
            String all = lang.english() ? "all" : "全部";
            DashboardFilter f = notes.filter();
            text(label("标题", "Title"), lang.english() ? "Compound renovation dashboard: compound table"
                    : "老旧小区改造看板：小区一览");
            exportedAt();
            text(DashboardColumn.DISTRICT.header(lang), f.district() == null ? all : f.district());
            if (f.renovationYear() == null) {
                text(DashboardColumn.RENOVATION_YEAR.header(lang), all);
            } else {
                number(DashboardColumn.RENOVATION_YEAR.header(lang), f.renovationYear(), "0");
            }
            text(DashboardColumn.RENOVATION_STATUS.header(lang), f.renovationStatus() == null ? all
                    : DashboardApi.statusLabel(f.renovationStatus(), lang.english()));
            text(label("排序", "Sorted by"), sortHeader() + " " + (notes.order().equals("desc")
                    ? label("降序", "descending") : label("升序", "ascending")));
            number(label("小区数", "Compounds"), notes.rows(), "#,##0");
            text(label("数据来源", "Source"), label("由登记库与现状管线实时计算：", "computed from the register and the current pipes: ")
                    + notes.request());
            sheet.setColumnWidth(0, 24 * WIDTH_UNITS_PER_CHAR);
            sheet.setColumnWidth(1, 60 * WIDTH_UNITS_PER_CHAR);
        }

        private String sortHeader() {
            for (DashboardColumn c : DashboardColumn.values()) {
                if (c.key.equals(notes.sort())) {
                    return c.header(lang);
                }
            }
            return notes.sort();
        }

        private void exportedAt() {
            ZoneOffset offset = notes.exportedAt().getOffset();
            String zone = offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId();
            Row r = sheet.createRow(row++);
            r.createCell(0).setCellValue(label("导出时间", "Exported at") + " (" + zone + ")");
            Cell cell = r.createCell(1);
            cell.setCellValue(notes.exportedAt().toLocalDateTime().withNano(0));
            cell.setCellStyle(numberStyle(DATE_TIME_FORMAT));
        }

        private void text(String label, String value) {
            Row r = sheet.createRow(row++);
            r.createCell(0).setCellValue(label);
            r.createCell(1).setCellValue(value);
        }

        private void number(String label, long value, String format) {
            Row r = sheet.createRow(row++);
            r.createCell(0).setCellValue(label);
            Cell cell = r.createCell(1);
            cell.setCellValue(value);
            cell.setCellStyle(numberStyle(format));
        }

        private String label(String zh, String en) {
            return lang.english() ? en : zh;
        }
    }
}
