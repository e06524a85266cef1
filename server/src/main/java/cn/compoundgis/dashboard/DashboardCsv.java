package cn.compoundgis.dashboard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The compound table as CSV (RFC 4180), headed and labelled in zh-CN (default) or English, a row at a time. */
final class DashboardCsv {
    private final ExportLanguage lang;
    private final StringBuilder out = new StringBuilder();

    /** Starts the CSV with its header row (the columns of {@link DashboardColumn}). */
    DashboardCsv(ExportLanguage lang) {
        this.lang = lang;
        line(out, Arrays.stream(DashboardColumn.values()).map(c -> c.header(lang)).toList());
    }

    void add(DashboardQueries.Row row) {
        List<String> cells = new ArrayList<>();
        for (DashboardColumn column : DashboardColumn.values()) {
            cells.add(cell(column, column.value(row)));
        }
        line(out, cells);
    }

    String text() {
        return out.toString();
    }

    private String cell(DashboardColumn column, Object value) {
        if (value == null) {
            return "";
        }
        return switch (column.kind) {
            case TEXT -> text((String) value);
            case STATUS -> DashboardApi.statusLabel((String) value, lang == ExportLanguage.EN);
            case YES_NO -> DashboardColumn.yesNo((Boolean) value, lang);
            case DATE -> value.toString();
            case YEAR, COUNT, MEASURE -> number(value);
        };
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoted(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** Text that Excel would run as a formula (=, +, -, @ first) is prefixed with an apostrophe. */
    private static String text(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String number(Object value) {
        return value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
    }

    private static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
}
