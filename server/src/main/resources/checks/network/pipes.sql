-- The drainage pipes of one scope (a compound's current data, or a staged upload) with what the checks
-- need from PostGIS: plan length, the point each end names (by number, the nearest if numbers repeat) and
-- how far the end lies from it, whether each end leaves the compound or lies under a carriageway.
-- {pipe}, {point}, {filter:x}, {boundary} and {record:x} are filled from NetworkScope (fixed SQL, never input).
WITH scope AS (SELECT :compound_code::text AS compound_code, :survey_id::bigint AS survey_id, :networks::text[] AS networks),
boundary AS ({boundary}),
lanes AS (
    SELECT f.geom, COALESCE(f.carriageway_width_m, f.required_width_m) / 2.0 AS half_width
    FROM fire_lane f, scope s
    WHERE f.compound_code = s.compound_code AND f.valid_to IS NULL
),
pipes AS (
    SELECT p.*,
           ST_StartPoint(ST_GeometryN(ST_Multi(p.geom), 1)) AS start_geom,
           ST_EndPoint(ST_GeometryN(ST_Multi(p.geom), ST_NumGeometries(ST_Multi(p.geom)))) AS end_geom
    FROM {pipe} p, scope s
    WHERE {filter:p} AND p.network = ANY (s.networks)
)
SELECT p.id, p.network, p.start_no, p.end_no, p.size_text, p.dn_mm, p.width_mm, p.height_mm, p.material,
       p.start_depth_m, p.end_depth_m, p.start_elevation_m, p.end_elevation_m, p.flow_direction,
       {record:p},
       ST_Length(p.geom) AS length_m,
       sp.id AS start_point_id, ST_Distance(p.start_geom, sp.geom) AS start_gap_m,
       ep.id AS end_point_id, ST_Distance(p.end_geom, ep.geom) AS end_gap_m,
       EXISTS (SELECT 1 FROM boundary b WHERE NOT ST_Covers(b.geom, p.start_geom)) AS start_outside,
       EXISTS (SELECT 1 FROM boundary b WHERE NOT ST_Covers(b.geom, p.end_geom)) AS end_outside,
       EXISTS (SELECT 1 FROM lanes l WHERE ST_DWithin(l.geom, p.start_geom, l.half_width)) AS start_under_carriageway,
       EXISTS (SELECT 1 FROM lanes l WHERE ST_DWithin(l.geom, p.end_geom, l.half_width)) AS end_under_carriageway,
       ST_AsGeoJSON(ST_Transform(p.geom, 4326), 7) AS geojson,
       ST_AsGeoJSON(ST_Transform(p.start_geom, 4326), 7) AS start_geojson,
       ST_AsGeoJSON(ST_Transform(p.end_geom, 4326), 7) AS end_geojson
FROM pipes p
CROSS JOIN scope s
LEFT JOIN LATERAL (
    SELECT q.id, q.geom FROM {point} q
    WHERE {filter:q} AND q.point_no = p.start_no
    ORDER BY q.geom <-> p.start_geom LIMIT 1
) sp ON true
LEFT JOIN LATERAL (
    SELECT q.id, q.geom FROM {point} q
    WHERE {filter:q} AND q.point_no = p.end_no
    ORDER BY q.geom <-> p.end_geom LIMIT 1
) ep ON true
ORDER BY p.id
