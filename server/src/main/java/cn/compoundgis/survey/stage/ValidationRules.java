package cn.compoundgis.survey.stage;

import cn.compoundgis.compounds.CompoundCode;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Thresholds of the upload checks, from /survey/validation-rules.json. */
record ValidationRules(double endOnPointToleranceM, double elevationMismatchToleranceM, double longSegmentM,
                       double shortSegmentM, double xyAgreementToleranceM, double farFromCompoundM,
                       double boundaryOverlapMinM2) {

    private static final ValidationRules LOADED = read();

    static ValidationRules load() {
        return LOADED;
    }

    private static ValidationRules read() {
        try (InputStream in = ValidationRules.class.getResourceAsStream("/survey/validation-rules.json")) {
            JsonNode n = Json.MAPPER.readTree(in);
            JsonNode boundary = n.get("boundary");
            return new ValidationRules(n.get("end_on_point_tolerance_m").asDouble(),
                    n.get("elevation_mismatch_tolerance_m").asDouble(), n.get("long_segment_m").asDouble(),
                    n.get("short_segment_m").asDouble(), n.get("xy_agreement_tolerance_m").asDouble(),
                    n.get("far_from_compound_m").asDouble(), boundary.get("overlap_min_m2").asDouble());
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("/survey/validation-rules.json is missing or incomplete", e));
        }
    }

    /**
     * Why {@code code} cannot name a new compound, or null when it can: the register's one rule for codes
     * ({@link CompoundCode}), so that a compound a survey creates can be reached at /api/compounds/{code}.
     */
    String compoundCodeProblem(String code) {
        try {
            CompoundCode.checked(code);
            return null;
        } catch (ApiError refused) {
            return refused.getMessage();
        }
    }
}
