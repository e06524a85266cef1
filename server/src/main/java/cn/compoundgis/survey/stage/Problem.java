package cn.compoundgis.survey.stage;

import java.util.Map;

/**
 * One finding of the validation report: an error rejects its record, a warning keeps it.
 *
 * @param file   the file it is in (e.g. 管线.dbf)
 * @param record 1-based record number, 0 for the whole layer
 * @param field  the field as named in the file, or null
 * @param value  the offending value as read, or null
 * @param code   a stable machine-readable code (not_a_number, end_not_on_point ...)
 * @param reason a sentence for people, in English (API clients, logs)
 * @param params what the reason says beyond file, field and value, by name: the web map writes the reason in the
 *               user's language from the code and these (web/i18n, {@code reason.<code>}; issue 14 point 5)
 */
public record Problem(String file, int record, String field, String value, String code, String reason,
                      Map<String, Object> params) {
    public Problem {
        params = Map.copyOf(params);
    }

    public Problem(String file, int record, String field, String value, String code, String reason) {
        this(file, record, field, value, code, reason, Map.of());
    }
}
