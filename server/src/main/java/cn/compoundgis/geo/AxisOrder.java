package cn.compoundgis.geo;

/** The order in which a position's two numbers were written. */
public enum AxisOrder {
    NORTHING_EASTING("northing_easting", true),
    EASTING_NORTHING("easting_northing", false),
    LATITUDE_LONGITUDE("latitude_longitude", true),
    LONGITUDE_LATITUDE("longitude_latitude", false);

    private final String code;
    private final boolean northFirst;

    AxisOrder(String code, boolean northFirst) {
        this.code = code;
        this.northFirst = northFirst;
    }

    public String code() {
        return code;
    }

    /** True when the first number is the northing (latitude). */
    public boolean northFirst() {
        return northFirst;
    }

    /** The other order of the same kind (projected or geographic). */
    AxisOrder swapped() {
        return switch (this) {
            case NORTHING_EASTING -> EASTING_NORTHING;
            case EASTING_NORTHING -> NORTHING_EASTING;
            case LATITUDE_LONGITUDE -> LONGITUDE_LATITUDE;
            case LONGITUDE_LATITUDE -> LATITUDE_LONGITUDE;
        };
    }
}
