-- GET /api/search/features (issue 14 point 7): pipe points by their number, fire lanes by name or number, roads by
-- the road name pipes carry, each as one hit with its CRS84 bounding box; the text matched case-insensitively from
-- its start (:prefix, LIKE wildcards escaped by the server), optionally in one compound. Points first, then lanes,
-- then roads, each by name; at most :limit.
WITH points AS (
    SELECT 'pipe_point' AS kind, 'pipe-points' AS collection, p.id, p.point_no AS label,
           coalesce(p.appurtenance, p.feature) AS detail, p.compound_code AS compound, p.geom
      FROM pipe_point p
     WHERE p.valid_to IS NULL AND lower(p.point_no) LIKE :prefix ESCAPE '\'
       AND (CAST(:compound AS text) IS NULL OR p.compound_code = :compound)
     ORDER BY p.point_no, p.compound_code
     LIMIT :limit
), lanes AS (
    SELECT 'fire_lane', 'fire-lanes', l.id, coalesce(l.name, l.source_id), l.source_id, l.compound_code, l.geom
      FROM fire_lane l
     WHERE l.valid_to IS NULL AND (lower(l.name) LIKE :prefix ESCAPE '\' OR lower(l.source_id) LIKE :prefix ESCAPE '\')
       AND (CAST(:compound AS text) IS NULL OR l.compound_code = :compound)
     ORDER BY 4, l.compound_code
     LIMIT :limit
), roads AS (
    SELECT 'road', 'pipes', NULL::bigint, r.road, count(*)::text, r.compound_code, ST_Collect(r.geom)
      FROM pipe r
     WHERE r.valid_to IS NULL AND lower(r.road) LIKE :prefix ESCAPE '\'
       AND (CAST(:compound AS text) IS NULL OR r.compound_code = :compound)
     GROUP BY r.road, r.compound_code
     ORDER BY r.road, r.compound_code
     LIMIT :limit
), hits AS (
    SELECT 1 AS rank, * FROM points UNION ALL SELECT 2, * FROM lanes UNION ALL SELECT 3, * FROM roads
)
SELECT kind, collection, id, label, detail, compound,
       ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)
  FROM (SELECT *, ST_Transform(ST_Envelope(geom), 4326) AS b FROM hits) h
 ORDER BY rank, label, compound
 LIMIT :limit
