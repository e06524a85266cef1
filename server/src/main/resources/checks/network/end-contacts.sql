-- Pipe ends that touch (within the tolerance, in plan) a drainage pipe or point of ANOTHER network: where a
-- pipe end does not land on a point of its own network, this is what it discharges into.
WITH scope AS (SELECT :compound_code::text AS compound_code, :survey_id::bigint AS survey_id, :networks::text[] AS networks,
                       :tolerance::float8 AS tolerance),
ends AS (
    SELECT p.id, p.network, 'start' AS which, ST_StartPoint(ST_GeometryN(ST_Multi(p.geom), 1)) AS geom
    FROM {pipe} p, scope s WHERE {filter:p} AND p.network = ANY (s.networks)
    UNION ALL
    SELECT p.id, p.network, 'end', ST_EndPoint(ST_GeometryN(ST_Multi(p.geom), ST_NumGeometries(ST_Multi(p.geom))))
    FROM {pipe} p, scope s WHERE {filter:p} AND p.network = ANY (s.networks)
)
SELECT e.id, e.which, fp.id AS pipe_id, fq.id AS point_id
FROM ends e
CROSS JOIN scope s
LEFT JOIN LATERAL (
    SELECT o.id FROM {pipe} o
    WHERE {filter:o} AND o.network = ANY (s.networks) AND o.network <> e.network
      AND ST_DWithin(o.geom, e.geom, s.tolerance)
    ORDER BY ST_Distance(o.geom, e.geom), o.id LIMIT 1
) fp ON true
LEFT JOIN LATERAL (
    SELECT q.id FROM {point} q
    WHERE {filter:q} AND q.network = ANY (s.networks) AND q.network <> e.network
      AND ST_DWithin(q.geom, e.geom, s.tolerance)
    ORDER BY q.geom <-> e.geom, q.id LIMIT 1
) fq ON true
WHERE fp.id IS NOT NULL OR fq.id IS NOT NULL
