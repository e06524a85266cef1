package cn.compoundgis.survey.stage;

import cn.compoundgis.http.Message;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The validation report of one upload: per layer the counts; the findings, identical ones grouped, each with its
 * severity ({@link FindingRules}); and the blocking findings a commit must accept.
 */
public final class ValidationReport {
    /** Entries listed per list; beyond, findings are only counted (blocking ones are always summarised). */
    public static final int MAX_LISTED = 10_000;

    public long surveyId;
    public String compound;
    public String compoundHow;
    /** compoundHow as a code and parameters, for the map to word in its user's language. */
    public Message compoundSaid;
    /** No current compound has the code: the boundary layer creates it on commit. */
    public boolean compoundNew;
    /** compound= came with the upload (else the boundary layer's code or the data's location decided). */
    boolean compoundGiven;
    public String upload;
    /** Who uploaded it: only they (or an administrator) may commit or discard it. */
    public String uploadedBy;
    public String zipNameEncoding;
    public List<LayerReport> layers = new ArrayList<>();
    /** Findings, one per record or layer they were found in (not per entry). */
    public int errorCount;
    public int warningCount;
    public List<String> ignoredFiles = new ArrayList<>();

    private final FindingRules rules = FindingRules.get();
    private final Map<Finding.Key, Finding> rejecting = new LinkedHashMap<>();
    private final Map<Finding.Key, Finding> kept = new LinkedHashMap<>();
    private final Map<FindingRules.Severity, Integer> bySeverity = new EnumMap<>(FindingRules.Severity.class);
    private final Map<String, Blocking> blocking = new TreeMap<>();

    /** A blocking code in short: how often, where first, and why. */
    public record Blocking(String code, int count, String file, String reason, Map<String, Object> params) {
    }

    /** Findings that rejected their record (the record is not staged). */
    public List<Finding> getErrors() {
        return sorted(rejecting);
    }

    /** Findings on staged records or layers, blocking errors first, then warnings, then notes. */
    public List<Finding> getWarnings() {
        return sorted(kept);
    }

    /** How many findings of each severity (error, warning, info). */
    public Map<String, Integer> getSeverityCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (FindingRules.Severity s : FindingRules.Severity.values()) {
            counts.put(s.id(), bySeverity.getOrDefault(s, 0));
        }
        return counts;
    }

    /** The blocking codes found, which a commit must name in accept= (with a reason). */
    public List<Blocking> getBlocking() {
        return List.copyOf(blocking.values());
    }

    void error(Problem p) {
        errorCount++;
        add(rejecting, p, rules.rule(p.code(), true));
    }

    void warning(Problem p) {
        warningCount++;
        add(kept, p, rules.rule(p.code(), false));
    }

    private void add(Map<Finding.Key, Finding> list, Problem p, FindingRules.Rule rule) {
        bySeverity.merge(rule.severity(), 1, Integer::sum);
        if (rule.blocking()) {
            blocking.merge(p.code(), new Blocking(p.code(), 1, p.file(), p.reason(), p.params()),
                    (a, b) -> new Blocking(a.code(), a.count() + 1, a.file(), a.reason(), a.params()));
        }
        Finding.Key key = Finding.Key.of(p);
        Finding entry = list.get(key);
        if (entry == null) {
            if (list.size() >= MAX_LISTED) {
                return;
            }
            entry = Finding.first(p, rule);
            list.put(key, entry);
        }
        entry.add(p, rules.recordsListedPerGroup());
    }

    private static List<Finding> sorted(Map<Finding.Key, Finding> findings) {
        List<Finding> list = new ArrayList<>(findings.values());
        list.sort(Comparator.comparing((Finding f) -> !f.blocking)
                .thenComparing(f -> FindingRules.Severity.valueOf(f.severity.toUpperCase(java.util.Locale.ROOT))));
        return list;
    }
}
