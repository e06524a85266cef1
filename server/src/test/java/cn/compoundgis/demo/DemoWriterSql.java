package cn.compoundgis.demo;

import static cn.compoundgis.demo.DemoLayout.DEMO_SRID;

/** Every SQL statement of the demo loader. Geometry arrives as EPSG:4548 WKT and is stored in the working SRID. */
final class DemoWriterSql {
    private DemoWriterSql() {
    }

    /** Serialises two servers starting on the same empty database (the mode conflicts with itself). */
    static final String LOCK_COMPOUND = "LOCK TABLE compound IN SHARE ROW EXCLUSIVE MODE";

    static final String ANY_COMPOUND = "SELECT EXISTS (SELECT 1 FROM compound)";

    static final String WORKING_SRID = "SELECT Find_SRID('public', 'compound', 'geom')";

    /** Parameters: WKT in EPSG:4548, then the working SRID. */
    private static final String GEOM = "ST_Transform(ST_GeomFromText(?, " + DEMO_SRID + "), ?)";

    static final String INSERT_SURVEY = """
            INSERT INTO survey (title, surveyor, surveyed_on, status, source_crs, encoding, report, committed_at)
            VALUES (?, ?, ?, 'committed', ?, 'UTF-8', ?::jsonb, now())
            RETURNING id""";

    static final String INSERT_COMPOUND = """
            INSERT INTO compound (code, name, district, households, site_area_m2, renovation_year,
                                  renovation_status, started_on, completed_on, extra, source_id, changed_via,
                                  survey_id, geom)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'demo', ?, %s)""".formatted(GEOM);

    /** A register item; category and unit come from the register's code table (compounds/register.json). */
    static final String INSERT_ITEM = """
            INSERT INTO compound_item (compound_code, category, item, unit, done_quantity, note, source, changed_via,
                                       valid_from)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'demo', (SELECT valid_from FROM compound WHERE code = ? AND valid_to IS NULL))""";

    static final String INSERT_BUILDING = """
            INSERT INTO building (compound_code, name, floors, has_elevator, structure, built_year, extra,
                                  source_id, survey_id, geom)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, %s)""".formatted(GEOM);

    static final String INSERT_PIPE_POINT = """
            INSERT INTO pipe_point (compound_code, point_no, network, feature, appurtenance, ground_elevation_m,
                                    well_depth_m, cover_label, accuracy_class, extra, source_id, survey_id, geom)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, %s)""".formatted(GEOM);

    static final String INSERT_PIPE = """
            INSERT INTO pipe (compound_code, network, subtype, start_no, end_no, size_text, dn_mm, width_mm,
                              height_mm, material, start_depth_m, end_depth_m, start_elevation_m, end_elevation_m,
                              depth_reference, burial_method, pressure_class, voltage_kv, cable_count,
                              flow_direction, owner, build_year, road, status, source_id, survey_id, geom)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'forward', ?, ?, ?, 'existing', ?, ?,
                    %s)""".formatted(GEOM);

    static final String INSERT_FIRE_LANE = """
            INSERT INTO fire_lane (compound_code, name, required_width_m, carriageway_width_m, extra, source_id,
                                   survey_id, geom)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, %s)""".formatted(GEOM);

    static final String INSERT_PARKING_STALL = """
            INSERT INTO parking_stall (compound_code, stall_no, kind, extra, source_id, survey_id, geom)
            VALUES (?, ?, ?, ?::jsonb, ?, ?, %s)""".formatted(GEOM);

    static final String INSERT_OBSTACLE = """
            INSERT INTO obstacle (compound_code, kind, note, observed_on, status, extra, source_id, survey_id, geom)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, %s)""".formatted(GEOM);
}
