package cn.compoundgis.demo;

import java.time.LocalDate;
import java.util.Map;

/**
 * One row of data/demo/compounds.csv: the seed's published numbers of one compound (null = not published). A row
 * without households or site area (篇二 publishes neither) is registered without a boundary and gets no layout.
 */
record CompoundRow(
        String code,
        String name,
        String district,
        Integer households,
        Double siteAreaM2,
        int renovationYear,
        String renovationStatus,
        LocalDate startedOn,
        Integer newParking,
        Integer resurfacedRoadM2,
        Integer greeningM2,
        Integer rainPipeM,
        Integer rainDnMin,
        Integer rainDnMax,
        String publishedScope,
        String note,
        String source,
        LocalDate completedOn,
        Integer drainagePipeM,
        Integer roadsPavedM2,
        Double sidewalksPavedM2) {

    static CompoundRow of(Map<String, String> f) {
        return new CompoundRow(
                required(f, "code"),
                required(f, "name"),
                text(f, "district"),
                integer(f, "households"),
                decimal(f, "site_area_m2"),
                Integer.parseInt(required(f, "renovation_year")),
                required(f, "renovation_status"),
                date(f, "started_on"),
                integer(f, "new_parking"),
                integer(f, "resurfaced_road_m2"),
                integer(f, "greening_m2"),
                integer(f, "rain_pipe_m"),
                integer(f, "rain_dn_min"),
                integer(f, "rain_dn_max"),
                text(f, "published_scope"),
                text(f, "note"),
                text(f, "source"),
                date(f, "completed_on"),
                integer(f, "drainage_pipe_m"),
                integer(f, "roads_paved_m2"),
                decimal(f, "sidewalks_paved_m2"));
    }

    /** Whether the seed gives enough (households and site area) to lay the compound out on the map. */
    boolean mapped() {
        return households != null && siteAreaM2 != null;
    }

    boolean completed() {
        return "completed".equals(renovationStatus);
    }

    private static String required(Map<String, String> f, String column) {
        String v = text(f, column);
        if (v == null) {
            throw new IllegalArgumentException("compounds.csv: column " + column + " is empty or missing");
        }
        return v;
    }

    private static String text(Map<String, String> f, String column) {
        String v = f.get(column);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static LocalDate date(Map<String, String> f, String column) {
        String v = text(f, column);
        return v == null ? null : LocalDate.parse(v);
    }

    private static Double decimal(Map<String, String> f, String column) {
        String v = text(f, column);
        return v == null ? null : Double.valueOf(v);
    }

    private static Integer integer(Map<String, String> f, String column) {
        String v = text(f, column);
        return v == null ? null : Integer.valueOf(v);
    }
}
