package cn.compoundgis.survey.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Identical findings (same file, code, field, value and reason) in one entry of the validation report: 39 records
 * with LX='地面' are one line with {@code count} 39 and the first few record numbers.
 */
public final class Finding {
    public String file;
    /** The first record it was found in (0 for the whole layer). */
    public int record;
    public String field;
    public String value;
    public String code;
    public String reason;
    /** What the reason says beyond file, field and value (Problem#params), for the web map's own wording. */
    public Map<String, Object> params;
    public String severity;
    public boolean blocking;
    public int count;
    /** The first records it was found in, at most {@code records_listed_per_group} of the rules. */
    public List<Integer> records = new ArrayList<>();

    static Finding first(Problem p, FindingRules.Rule rule) {
        Finding f = new Finding();
        f.file = p.file();
        f.record = p.record();
        f.field = p.field();
        f.value = p.value();
        f.code = p.code();
        f.reason = p.reason();
        f.params = p.params();
        f.severity = rule.severity().id();
        f.blocking = rule.blocking();
        return f;
    }

    void add(Problem p, int recordsListed) {
        count++;
        if (records.size() < recordsListed && p.record() > 0) {
            records.add(p.record());
        }
    }

    /** What makes two findings the same entry. */
    record Key(String file, String code, String field, String value, String reason) {
        static Key of(Problem p) {
            return new Key(p.file(), p.code(), p.field(), p.value(), p.reason());
        }
    }
}
