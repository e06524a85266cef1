package cn.compoundgis.features;

/**
 * One property of a feature as the API shows it.
 *
 * @param name        stable English snake_case name in the GeoJSON properties and in filters
 * @param sql         the SQL expression over the feature table {@code f} (or its survey {@code s})
 * @param type        JSON schema type: string, integer, number, boolean, object; {@code format} refines it
 * @param format      JSON schema format (date, date-time) or null
 * @param description what it means, with its unit
 */
public record Property(String name, String sql, String type, String format, String description) {

    static Property text(String name, String description) {
        return new Property(name, "f." + name, "string", null, description);
    }

    static Property integer(String name, String description) {
        return new Property(name, "f." + name, "integer", null, description);
    }

    static Property number(String name, String description) {
        return new Property(name, "f." + name, "number", null, description);
    }

    static Property bool(String name, String description) {
        return new Property(name, "f." + name, "boolean", null, description);
    }

    static Property date(String name, String description) {
        return new Property(name, "f." + name, "string", "date", description);
    }

    /** Scalar properties can be filtered on by equality ({@code ?network=YS,WS}). */
    public boolean filterable() {
        return !"object".equals(type) && !"date-time".equals(format);
    }
}
