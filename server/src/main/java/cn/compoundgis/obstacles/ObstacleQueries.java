package cn.compoundgis.obstacles;

import cn.compoundgis.geo.Crs;

/**
 * The SQL of the obstacle reports, with named parameters (bound through cn.compoundgis.db.Sql). Geometry travels
 * between the statements of one report as EWKB hex.
 */
final class ObstacleQueries {
    private ObstacleQueries() {
    }

    /** Validity, its reason and EWKB of {@code geometry} (an expression over {@code :geometry}). */
    static String checkedGeometry(String geometry) {
        return "SELECT ST_IsValid(g), ST_IsValidReason(g), ST_AsEWKB(g) FROM (SELECT " + geometry + " AS g) x";
    }

    static final String COMPOUND_OF = "SELECT code FROM compound WHERE valid_to IS NULL"
            + " AND ST_Intersects(geom, ST_GeomFromEWKB(decode(:geometry, 'hex')))"
            + " AND (:asked::text IS NULL OR code = :asked) ORDER BY code LIMIT 1";

    static final String INSERT_PHOTO = "INSERT INTO obstacle_photo (content_type, size_bytes, bytes)"
            + " VALUES (:content_type, :size_bytes, :bytes) RETURNING id";

    static final String NEXT_OBSTACLE_ID = "SELECT nextval(pg_get_serial_sequence('obstacle', 'id'))";

    static final String INSERT_OBSTACLE = "INSERT INTO obstacle (id, compound_code, kind, note, observed_on, status, extra,"
            + " source_id, changed_by, geom) VALUES (:id, :compound, :kind, :note, COALESCE(:observed_on, CURRENT_DATE), 'open',"
            + " jsonb_strip_nulls(jsonb_build_object('reported_via', 'web', 'photo_id', :photo_id::bigint)), :source_id,"
            + " :changed_by, ST_GeomFromEWKB(decode(:geometry, 'hex')))";

    static final String STATUS_FOR_UPDATE = "SELECT status, valid_to IS NULL FROM obstacle WHERE id = :id FOR UPDATE";

    static final String CLOSE_VERSION = "UPDATE obstacle SET valid_to = now(), source_id = COALESCE(source_id, 'ID-' || id)"
            + " WHERE id = :id";

    static final String INSERT_NEXT_VERSION = "INSERT INTO obstacle (compound_code, kind, note, observed_on, status, extra,"
            + " source_id, survey_id, valid_from, changed_by, geom) SELECT compound_code, kind, COALESCE(:note, note), observed_on,"
            + " :status, extra || jsonb_build_object('status_changed_via', 'web'), source_id, survey_id, now(), :changed_by, geom"
            + " FROM obstacle WHERE id = :id RETURNING id, compound_code";

    static final String CURRENT_VERSION = "SELECT n.id FROM obstacle o JOIN obstacle n ON n.compound_code = o.compound_code"
            + " AND n.source_id = o.source_id AND n.valid_to IS NULL WHERE o.id = :id";

    static String feature(Crs crs, int workingSrid) {
        return "SELECT json_build_object('type', 'Feature', 'id', o.id, 'geometry', ST_AsGeoJSON("
                + crs.geometryExpression("o.geom", workingSrid) + ", " + crs.decimals() + ")::json, 'properties',"
                + " json_build_object('compound', o.compound_code, 'kind', o.kind, 'note', o.note, 'observed_on', o.observed_on,"
                + " 'status', o.status, 'source_id', o.source_id, 'extra', o.extra, 'changed_by', o.changed_by, 'valid_from', o.valid_from,"
                + " 'valid_to', o.valid_to, 'current', o.valid_to IS NULL))::text FROM obstacle o WHERE o.id = :id";
    }

    static final String HISTORY = "SELECT json_agg(json_build_object('id', v.id, 'status', v.status, 'note', v.note,"
            + " 'changed_by', v.changed_by,"
            + " 'valid_from', v.valid_from, 'valid_to', v.valid_to) ORDER BY v.valid_from, v.id)::text"
            + " FROM obstacle o JOIN obstacle v ON v.compound_code = o.compound_code"
            + " AND (v.source_id = o.source_id OR v.id = o.id) WHERE o.id = :id";

    static final String PHOTO = "SELECT p.content_type, p.bytes FROM obstacle o JOIN obstacle_photo p"
            + " ON p.id = (o.extra ->> 'photo_id')::bigint WHERE o.id = :id";
}
