-- Pairs of drainage pipes whose ends coincide within the tolerance: the same way round (a duplicate) or
-- swapped (a reversed duplicate), whatever their point numbers say.
WITH scope AS (SELECT :compound_code::text AS compound_code, :survey_id::bigint AS survey_id, :networks::text[] AS networks,
                       :tolerance::float8 AS tolerance),
pipes AS (
    SELECT p.id, p.geom,
           ST_StartPoint(ST_GeometryN(ST_Multi(p.geom), 1)) AS start_geom,
           ST_EndPoint(ST_GeometryN(ST_Multi(p.geom), ST_NumGeometries(ST_Multi(p.geom)))) AS end_geom
    FROM {pipe} p, scope s WHERE {filter:p} AND p.network = ANY (s.networks)
)
SELECT a.id AS a_id, b.id AS b_id,
       ST_DWithin(a.start_geom, b.start_geom, s.tolerance) AND ST_DWithin(a.end_geom, b.end_geom, s.tolerance) AS same_way
FROM pipes a
CROSS JOIN scope s
JOIN pipes b ON a.id < b.id AND ST_DWithin(a.geom, b.geom, s.tolerance)
WHERE (ST_DWithin(a.start_geom, b.start_geom, s.tolerance) AND ST_DWithin(a.end_geom, b.end_geom, s.tolerance))
   OR (ST_DWithin(a.start_geom, b.end_geom, s.tolerance) AND ST_DWithin(a.end_geom, b.start_geom, s.tolerance))
ORDER BY a.id, b.id
