package cn.compoundgis.web;

import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Issue 14 point 5: no English in the Chinese screen and no Chinese in the English one, except the data's own values
 * (a layer's file name, an owner, a field the survey named in Chinese), which a test names.
 */
final class ScreenLanguage {
    /** Codes, units and file suffixes that are the same in both languages, and the toggle to English. */
    private static final Set<String> CODES = Set.of("English", "EPSG", "GBK", "UTF", "CGCS", "CGCS2000", "CP936", "shp", "dbf", "prj", "cpg",
            "shx", "zip", "WKT", "PVC", "HDPE", "PDF", "CSV", "API", "GeoJSON", "Leaflet", "OpenStreetMap");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,}");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}+");

    private ScreenLanguage() {
    }

    /** Words of three or more Latin letters in text that are not codes (EPSG, GBK, YS99 …) nor one of dataValues. */
    static List<String> englishWords(String text, String... dataValues) {
        return LATIN_WORD.matcher(without(text, dataValues)).results().map(MatchResult::group)
                .filter(w -> !CODES.contains(w) && !w.matches("[A-Z]+\\d*")).toList();
    }

    /** Chinese characters in text once the data's own values (and the toggle to 中文) are taken out. */
    static List<String> chineseWords(String text, String... dataValues) {
        return HAN.matcher(without(text, dataValues)).results().map(MatchResult::group).filter(w -> !w.equals("中文")).toList();
    }

    /** text without the values, each taken out only where it stands as a whole (JS is data, GeoJSON is not). */
    private static String without(String text, String... values) {
        String rest = text;
        for (String value : values) {
            rest = rest.replaceAll("(?<![A-Za-z0-9])" + Pattern.quote(value) + "(?![A-Za-z0-9])", "");
        }
        return rest;
    }
}
