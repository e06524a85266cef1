package cn.compoundgis.dashboard;

import cn.compoundgis.web.ApiError;
import java.math.BigDecimal;
import java.util.List;

/** The compound table as CSV (RFC 4180), headed and labelled in zh-CN (default) or English. */
final class DashboardCsv {
    enum Language {
        ZH_CN, EN;

        static Language of(String value) {
            if (value == null || value.equals("zh-CN")) {
                return ZH_CN;
            }
            if (value.equals("en")) {
                return EN;
            }
            throw ApiError.badParameter("lang=" + value + " is neither zh-CN nor en");
        }
    }

    private static final List<String> HEADER_ZH = List.of("小区编码", "小区名称", "区县", "改造状态", "改造批次", "户数",
            "占地面积(m²)", "排水管道长度(m)", "新增停车位");
    private static final List<String> HEADER_EN = List.of("code", "name", "district", "renovation status",
            "renovation year", "households", "site area (m²)", "drainage pipe length (m)", "parking stalls added");

    private DashboardCsv() {
    }

    static String write(List<DashboardQueries.Row> rows, Language lang) {
        StringBuilder out = new StringBuilder();
        line(out, lang == Language.EN ? HEADER_EN : HEADER_ZH);
        for (DashboardQueries.Row r : rows) {
            line(out, List.of(text(r.code()), text(r.name()), text(r.district()),
                    r.renovationStatus() == null ? "" : DashboardApi.statusLabel(r.renovationStatus(), lang == Language.EN),
                    number(r.renovationYear()), number(r.households()), number(r.siteAreaM2()),
                    number(r.pipeLengthM()), number(r.stallsAdded())));
        }
        return out.toString();
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
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
    }

    private static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
}
