package cn.compoundgis.survey.stage;

import java.util.ArrayList;
import java.util.List;

/** The validation report of one upload: per layer the counts, per record the errors and warnings. */
public final class ValidationReport {
    public static final int MAX_LISTED = 10_000;

    public long surveyId;
    public String compound;
    public String compoundHow;
    public String upload;
    public String zipNameEncoding;
    public List<LayerReport> layers = new ArrayList<>();
    public List<Problem> errors = new ArrayList<>();
    public List<Problem> warnings = new ArrayList<>();
    public int errorCount;
    public int warningCount;
    public List<String> ignoredFiles = new ArrayList<>();

    void error(Problem p) {
        errorCount++;
        if (errors.size() < MAX_LISTED) {
            errors.add(p);
        }
    }

    void warning(Problem p) {
        warningCount++;
        if (warnings.size() < MAX_LISTED) {
            warnings.add(p);
        }
    }
}
