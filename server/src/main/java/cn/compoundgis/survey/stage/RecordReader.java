package cn.compoundgis.survey.stage;

import cn.compoundgis.http.Message;
import cn.compoundgis.survey.shapefile.ReaderLimits;
import cn.compoundgis.survey.shapefile.ShapeRecord;
import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one record's canonical fields with their types, noting every value that does not parse as an
 * error (the record is then rejected) or a warning, named by file, record, field and value.
 */
final class RecordReader {
    /** A number possibly followed by a unit, as surveyors type it: 1.25, 1.25m, 10kV, 1998年. */
    /** A date as typed: 2024-03-15, 2024/3/15 or 2024.3.15; LocalDate.parse alone would take +999999999-12-31. */
    private static final Pattern DATE = Pattern.compile("^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})$");
    private static final Pattern NUMBER = Pattern.compile("^\\s*([-+]?\\d+(?:\\.\\d+)?)\\s*[A-Za-z年米]*\\s*$");

    private final ShapeRecord record;
    private final Map<String, String> fieldOf;
    private final String dbfName;
    private final Problems problems;
    private boolean failed;

    RecordReader(ShapeRecord record, Map<String, String> fieldOf, String dbfName, Problems problems) {
        this.record = record;
        this.fieldOf = fieldOf;
        this.dbfName = dbfName;
        this.problems = problems;
    }

    int number() {
        return record.number();
    }

    boolean failed() {
        return failed;
    }

    Optional<String> text(String canonical) {
        Object v = raw(canonical);
        if (v == null) {
            return Optional.empty();
        }
        String s = v instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : v.toString().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    Optional<Double> number(String canonical) {
        Object v = raw(canonical);
        if (v instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        Optional<String> t = text(canonical);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = NUMBER.matcher(t.get());
        if (m.matches()) {
            return Optional.of(Double.parseDouble(m.group(1)));
        }
        error(canonical, "not_a_number", "is not a number");
        return Optional.empty();
    }

    Optional<Integer> whole(String canonical) {
        Optional<Double> n = number(canonical);
        if (n.isPresent() && n.get() != Math.rint(n.get())) {
            error(canonical, "not_a_whole_number", "is not a whole number");
            return Optional.empty();
        }
        if (n.isPresent() && Math.abs(n.get()) > Integer.MAX_VALUE) {
            error(canonical, "out_of_range", "is too large for a whole number (at most " + Integer.MAX_VALUE + ")",
                    Message.params("max", Integer.MAX_VALUE));
            return Optional.empty();
        }
        return n.map(Double::intValue);
    }

    Optional<Integer> year(String canonical) {
        Object v = raw(canonical);
        if (v instanceof LocalDate d) {
            return Optional.of(d.getYear());
        }
        return whole(canonical);
    }

    Optional<LocalDate> date(String canonical) {
        Object v = raw(canonical);
        if (v instanceof LocalDate d) {
            return Optional.of(d);
        }
        Optional<String> t = text(canonical);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = DATE.matcher(t.get());
        try {
            if (m.matches() && ReaderLimits.DEFAULTS.isSaneYear(Integer.parseInt(m.group(1)))) {
                return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
            }
        } catch (DateTimeException e) {
            // a 13th month or a 31 February: not a date, reported below
        }
        error(canonical, "not_a_date", "is not a date (YYYY-MM-DD, years " + ReaderLimits.DEFAULTS.minYear()
                + "–" + ReaderLimits.DEFAULTS.maxYear() + ")",
                Message.params("minYear", ReaderLimits.DEFAULTS.minYear(), "maxYear", ReaderLimits.DEFAULTS.maxYear()));
        return Optional.empty();
    }

    Optional<Boolean> yesNo(String canonical) {
        Object v = raw(canonical);
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        Optional<String> t = text(canonical);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        return switch (t.get().toUpperCase(java.util.Locale.ROOT)) {
            case "有", "是", "Y", "YES", "T", "TRUE", "1" -> Optional.of(true);
            case "无", "否", "没有", "N", "NO", "F", "FALSE", "0" -> Optional.of(false);
            default -> {
                warn(canonical, "not_yes_no", "is not yes/no (有/无, 是/否, Y/N); left empty");
                yield Optional.empty();
            }
        };
    }

    /** A field that must be there: an error when it is missing or empty. */
    Optional<String> required(String canonical) {
        return required(canonical, "the record needs it", "needed", Map.of());
    }

    /**
     * A field that must be there, and {@code why}; {@code whyKey} names that why for the web map's wording
     * ({@code reason.missing.<whyKey>}), with {@code params}.
     */
    Optional<String> required(String canonical, String why, String whyKey, Map<String, Object> params) {
        Optional<String> t = text(canonical);
        if (t.isEmpty()) {
            String field = fieldOf.get(canonical);
            Map<String, Object> all = new LinkedHashMap<>(params);
            all.put("canonical", canonical);
            all.put("why", whyKey);
            all.put("noField", field == null);
            problems.error(new Problem(dbfName, record.number(), field, null, "missing_" + canonical,
                    (field == null ? "the layer has no field for " + canonical : field + " is empty") + "; " + why, all));
            failed = true;
        }
        return t;
    }

    void error(String canonical, String code, String reason) {
        error(canonical, code, reason, Map.of());
    }

    /** {@code params}: what the reason says beyond the field and its value (Problem#params). */
    void error(String canonical, String code, String reason, Map<String, Object> params) {
        problems.error(problem(canonical, code, reason, params));
        failed = true;
    }

    void warn(String canonical, String code, String reason) {
        warn(canonical, code, reason, Map.of());
    }

    void warn(String canonical, String code, String reason, Map<String, Object> params) {
        problems.warning(problem(canonical, code, reason, params));
    }

    /** A warning about the record as a whole (its geometry, say). */
    void warnRecord(String code, String reason) {
        warnRecord(code, reason, Map.of());
    }

    void warnRecord(String code, String reason, Map<String, Object> params) {
        problems.warning(new Problem(shpName(), record.number(), null, null, code, reason, params));
    }

    void errorRecord(String code, String reason) {
        errorRecord(code, reason, Map.of());
    }

    void errorRecord(String code, String reason, Map<String, Object> params) {
        problems.error(new Problem(shpName(), record.number(), null, null, code, reason, params));
        failed = true;
    }

    private String shpName() {
        return dbfName.replaceFirst("\\.dbf$", ".shp");
    }

    /** Attributes with no canonical field, kept as delivered. */
    Map<String, Object> unmapped() {
        Map<String, Object> extra = new LinkedHashMap<>();
        record.attributes().forEach((name, value) -> {
            if (!fieldOf.containsValue(name) && value != null) {
                extra.put(name, value instanceof LocalDate ? value.toString() : value);
            }
        });
        return extra;
    }

    private Problem problem(String canonical, String code, String reason, Map<String, Object> params) {
        String field = fieldOf.getOrDefault(canonical, canonical);
        Object value = raw(canonical);
        return new Problem(dbfName, record.number(), field, value == null ? null : value.toString(), code,
                field + " = '" + value + "' " + reason, params);
    }

    private Object raw(String canonical) {
        String field = fieldOf.get(canonical);
        return field == null ? null : record.attributes().get(field);
    }
}
