-- The compound finder (GET /api/compounds/search): current versions only, ranked
--   0 exact code, 1 code prefix, 2 name prefix, 3 pinyin initials or full pinyin prefix, 4 any substring
-- (name, full pinyin, district, street, community, address).
-- Parameters: lq (the query, lower case; '' lists every compound), lprefix (lq as a LIKE prefix pattern, its %
-- and _ escaped), py (the query as pinyin, or NULL), pyprefix (py as a LIKE prefix pattern), limit, offset.
WITH q AS (
    SELECT CAST(:lq AS text) AS lq, CAST(:lprefix AS text) AS lprefix, CAST(:py AS text) AS py, CAST(:pyprefix AS text) AS pyprefix
),
hits AS (
    SELECT c.id, c.code,
           CASE
               WHEN lower(c.code) = q.lq THEN 0
               WHEN lower(c.code) LIKE q.lprefix THEN 1
               WHEN lower(c.name) LIKE q.lprefix THEN 2
               WHEN q.py IS NOT NULL AND (c.name_initials LIKE q.pyprefix OR c.name_pinyin LIKE q.pyprefix) THEN 3
               ELSE 4
           END AS rank
    FROM compound c CROSS JOIN q
    WHERE c.valid_to IS NULL
      AND (q.lq = ''
           OR lower(c.code) LIKE q.lprefix
           OR strpos(lower(c.name), q.lq) > 0
           OR (q.py IS NOT NULL AND (c.name_initials LIKE q.pyprefix OR strpos(c.name_pinyin, q.py) > 0))
           OR strpos(lower(coalesce(c.district, '')), q.lq) > 0
           OR strpos(lower(coalesce(c.street, '')), q.lq) > 0
           OR strpos(lower(coalesce(c.community, '')), q.lq) > 0
           OR strpos(lower(coalesce(c.address, '')), q.lq) > 0)
),
page AS (
    SELECT id, rank, code FROM hits ORDER BY rank, code LIMIT :limit OFFSET :offset
),
box AS (
    SELECT page.id, page.rank, page.code, ST_Transform(ST_Envelope(c.geom), 4326) AS bbox,
           ST_Transform(ST_PointOnSurface(c.geom), 4326) AS centre
    FROM page JOIN compound c ON c.id = page.id
)
SELECT m.matched, c.code, c.name, c.district, c.households, c.site_area_m2, c.built_year, c.renovation_year,
       c.renovation_status, box.rank,
       ST_XMin(box.bbox) AS west, ST_YMin(box.bbox) AS south, ST_XMax(box.bbox) AS east, ST_YMax(box.bbox) AS north,
       ST_X(box.centre) AS lon, ST_Y(box.centre) AS lat
FROM (SELECT count(*) AS matched FROM hits) m
LEFT JOIN (box JOIN compound c ON c.id = box.id) ON true
ORDER BY box.rank, box.code
