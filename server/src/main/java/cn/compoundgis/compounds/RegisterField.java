package cn.compoundgis.compounds;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The register's fields of a compound version. The JSON name of each is its column in {@code compound} (V1, V14)
 * and its property in /collections/compounds; the kind says how a value is checked and what SQL type it has.
 * The batch year 改造批次 is {@code renovation_year} and the status is {@code renovation_status} (columns of V1).
 */
public enum RegisterField {
    NAME("name", Kind.NAME),
    DISTRICT("district", Kind.TEXT),
    STREET("street", Kind.TEXT),
    COMMUNITY("community", Kind.TEXT),
    ADDRESS("address", Kind.TEXT),
    BUILT_YEAR("built_year", Kind.YEAR),
    BUILDING_COUNT("building_count", Kind.COUNT),
    STOREYS("storeys", Kind.POSITIVE_COUNT),
    HOUSEHOLDS("households", Kind.COUNT),
    RESIDENTS("residents", Kind.COUNT),
    SITE_AREA("site_area_m2", Kind.AREA),
    FLOOR_AREA("floor_area_m2", Kind.AREA),
    RENOVATION_CATEGORY("renovation_category", Kind.CATEGORY),
    RENOVATION_YEAR("renovation_year", Kind.YEAR),
    RENOVATION_STATUS("renovation_status", Kind.STATUS),
    PLANNED_ON("planned_on", Kind.DATE),
    STARTED_ON("started_on", Kind.DATE),
    COMPLETED_ON("completed_on", Kind.DATE),
    ACCEPTED_ON("accepted_on", Kind.DATE),
    FUNDING_CENTRAL("funding_central_10k_yuan", Kind.FUNDING),
    FUNDING_PROVINCIAL("funding_provincial_10k_yuan", Kind.FUNDING),
    FUNDING_LOCAL("funding_local_10k_yuan", Kind.FUNDING),
    FUNDING_RESIDENT("funding_resident_10k_yuan", Kind.FUNDING),
    PROPERTY_MANAGEMENT("property_management", Kind.FLAG),
    OWNERS_COMMITTEE("owners_committee", Kind.FLAG);

    enum Kind {
        NAME("text"), TEXT("text"), YEAR("integer"), COUNT("integer"), POSITIVE_COUNT("integer"), AREA("numeric"),
        FUNDING("numeric"), DATE("date"), FLAG("boolean"), STATUS("text"), CATEGORY("text");

        final String sqlType;

        Kind(String sqlType) {
            this.sqlType = sqlType;
        }
    }

    final String json;
    final Kind kind;

    RegisterField(String json, Kind kind) {
        this.json = json;
        this.kind = kind;
    }

    /** The column, which is also the JSON name. */
    String column() {
        return json;
    }

    /** A bound text parameter cast to the column's type. */
    String parameter() {
        return "?::" + kind.sqlType;
    }

    static Optional<RegisterField> byJson(String name) {
        return Arrays.stream(values()).filter(f -> f.json.equals(name)).findFirst();
    }

    public static List<String> jsonNames() {
        return Arrays.stream(values()).map(f -> f.json).toList();
    }
}
