package cn.compoundgis.survey.stage;

/**
 * One finding of the validation report: an error rejects its record, a warning keeps it.
 *
 * @param file   the file it is in (e.g. 管线.dbf)
 * @param record 1-based record number, 0 for the whole layer
 * @param field  the field as named in the file, or null
 * @param value  the offending value as read, or null
 * @param code   a stable machine-readable code (not_a_number, end_not_on_point ...)
 * @param reason a sentence for people
 */
public record Problem(String file, int record, String field, String value, String code, String reason) {
}
