-- Every point of the scope that a drainage check may meet: the drainage networks' points, and any other
-- point a drainage pipe names (a sewer lateral surveyed into a water valve is still a finding).
WITH scope AS (SELECT :compound_code::text AS compound_code, :survey_id::bigint AS survey_id, :networks::text[] AS networks),
named AS (
    SELECT p.start_no AS point_no FROM {pipe} p, scope s WHERE {filter:p} AND p.network = ANY (s.networks)
    UNION
    SELECT p.end_no FROM {pipe} p, scope s WHERE {filter:p} AND p.network = ANY (s.networks)
)
SELECT q.id, q.point_no, q.network, q.feature, q.appurtenance, q.ground_elevation_m, q.well_depth_m,
       q.cover_label, q.accuracy_class, {record:q},
       ST_AsGeoJSON(ST_Transform(q.geom, 4326), 7) AS geojson
FROM {point} q, scope s
WHERE {filter:q} AND (q.network = ANY (s.networks) OR q.point_no IN (SELECT point_no FROM named))
ORDER BY q.id
