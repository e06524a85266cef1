package cn.compoundgis.survey.shapefile;

import java.util.Optional;

/**
 * A file of a shapefile set that cannot be read: names the file and, where it applies, the record and
 * the field (a DBF column, or a part of the .shp layout such as "numPoints").
 */
public final class ShapefileFormatException extends Exception {
    private final String file;
    private final int record;
    private final String field;

    /** @param record 1-based record number, or 0 when the problem is in the file header */
    public ShapefileFormatException(String file, int record, String message) {
        this(file, record, null, message);
    }

    /** @param field the field or header entry at fault, or null */
    public ShapefileFormatException(String file, int record, String field, String message) {
        super(file + (record > 0 ? " record " + record : " header") + (field != null ? " field " + field : "") + ": " + message);
        this.file = file;
        this.record = record;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public int record() {
        return record;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
