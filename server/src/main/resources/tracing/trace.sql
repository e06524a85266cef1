-- Every pipe upstream or downstream of a point, walking the stored topology of the point's compound (pipes
-- join points by start_no / end_no). A pipe flows by its recorded flow_direction, else from the higher invert
-- to the lower (invert = elevation, else the point's ground minus the depth), else from start to end.
-- Each step is an index lookup (pipe_current_start_no / pipe_current_end_no); UNION drops rows already
-- found, so every pipe is taken once and loops end.
WITH RECURSIVE s AS (
    SELECT :compound::text AS compound_code, :point_no::text AS point_no, :down::boolean AS down, :networks::text[] AS networks,
           :level_resolution::float8 AS level_resolution
),
walk(pipe_id, node, flows_from_start) AS (
    SELECT NULL::bigint, s.point_no, NULL::boolean FROM s
    UNION
    SELECT e.id, CASE WHEN e.start_no = w.node THEN e.end_no ELSE e.start_no END, e.flows_from_start
    FROM walk w
    CROSS JOIN s
    CROSS JOIN LATERAL (
        SELECT p.id, p.start_no, p.end_no, d.flows_from_start
        FROM pipe p
        CROSS JOIN LATERAL (
            SELECT COALESCE(p.start_elevation_m, (SELECT q.ground_elevation_m FROM pipe_point q
                     WHERE q.compound_code = p.compound_code AND q.point_no = p.start_no AND q.valid_to IS NULL) - p.start_depth_m) AS start_invert,
                   COALESCE(p.end_elevation_m, (SELECT q.ground_elevation_m FROM pipe_point q
                     WHERE q.compound_code = p.compound_code AND q.point_no = p.end_no AND q.valid_to IS NULL) - p.end_depth_m) AS end_invert
        ) inv
        CROSS JOIN LATERAL (
            SELECT CASE
                       WHEN p.flow_direction IS NOT NULL THEN p.flow_direction = 'forward'
                       WHEN abs(inv.start_invert - inv.end_invert) >= s.level_resolution THEN inv.start_invert > inv.end_invert
                       ELSE true
                   END AS flows_from_start
        ) d
        -- (SELECT ... FROM s) is a plan parameter, so both index columns are used
        WHERE p.compound_code = (SELECT compound_code FROM s) AND p.valid_to IS NULL AND p.network = ANY (s.networks)
          AND (p.start_no = w.node OR p.end_no = w.node)
          -- leaving the node downstream, or arriving at it from upstream
          AND (p.start_no = w.node) = (d.flows_from_start = s.down)
    ) e
)
SELECT p.id, p.network, p.start_no, p.end_no, p.size_text, p.dn_mm, p.material,
       p.start_depth_m, p.end_depth_m, p.start_elevation_m, p.end_elevation_m, w.flows_from_start,
       ST_Length(p.geom) AS length_m,
       ST_AsGeoJSON(ST_Transform(p.geom, 4326), 7) AS geojson
FROM (SELECT DISTINCT pipe_id, flows_from_start FROM walk WHERE pipe_id IS NOT NULL) w
JOIN pipe p ON p.id = w.pipe_id
ORDER BY p.id
