-- The current points of a compound with these numbers.
SELECT q.id, q.point_no, q.network, q.feature, q.appurtenance, q.ground_elevation_m, q.well_depth_m, q.cover_label,
       ST_AsGeoJSON(ST_Transform(q.geom, 4326), 7) AS geojson
FROM pipe_point q
WHERE q.compound_code = :compound AND q.valid_to IS NULL AND q.point_no = ANY (:numbers)
ORDER BY q.id
