package cn.compoundgis.survey.shapefile;

/** A file of a shapefile set that cannot be read: names the file and, where it applies, the record. */
public final class ShapefileFormatException extends Exception {
    private final String file;
    private final int record;

    /** @param record 1-based record number, or 0 when the problem is in the file header */
    public ShapefileFormatException(String file, int record, String message) {
        super(file + (record > 0 ? " record " + record : " header") + ": " + message);
        this.file = file;
        this.record = record;
    }

    public String file() {
        return file;
    }

    public int record() {
        return record;
    }
}
