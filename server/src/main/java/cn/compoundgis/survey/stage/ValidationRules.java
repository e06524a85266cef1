package cn.compoundgis.survey.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Thresholds of the upload checks, from /survey/validation-rules.json. */
record ValidationRules(double endOnPointToleranceM, double elevationMismatchToleranceM, double longSegmentM,
                       double shortSegmentM, double xyAgreementToleranceM, double farFromCompoundM) {

    static ValidationRules load() {
        try (InputStream in = ValidationRules.class.getResourceAsStream("/survey/validation-rules.json")) {
            JsonNode n = new ObjectMapper().readTree(in);
            return new ValidationRules(n.get("end_on_point_tolerance_m").asDouble(),
                    n.get("elevation_mismatch_tolerance_m").asDouble(), n.get("long_segment_m").asDouble(),
                    n.get("short_segment_m").asDouble(), n.get("xy_agreement_tolerance_m").asDouble(),
                    n.get("far_from_compound_m").asDouble());
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("/survey/validation-rules.json is missing or incomplete", e));
        }
    }
}
