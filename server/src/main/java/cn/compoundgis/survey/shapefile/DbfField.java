package cn.compoundgis.survey.shapefile;

/**
 * A column of the attribute table (.dbf).
 *
 * @param name     the name as decoded (a UTF-8 name cut at 10 bytes loses its broken last character)
 * @param rawName  the name's bytes, for reports
 * @param type     the dBASE type letter: C character, N/F number, L logical, D date, M memo...
 */
public record DbfField(String name, byte[] rawName, char type, int length, int decimals, int offset) {
}
