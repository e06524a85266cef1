-- How much of a subject (rows of geometry g in the working CRS: a dig area, design pipes) lies inside current
-- compound boundaries: areas measured by area, lines by length. The compounds come from the GiST index.
-- {{subject}} is a SELECT yielding a column g.
WITH subject AS ({{subject}}),
touched AS (
    SELECT DISTINCT c.code, c.geom
    FROM subject s JOIN compound c ON c.valid_to IS NULL AND ST_Intersects(c.geom, s.g)
),
surveyed AS (SELECT ST_Union(geom) AS g FROM touched),
measured AS (
    SELECT CASE WHEN ST_Dimension(s.g) = 2 THEN ST_Area(s.g) ELSE ST_Length(s.g) END AS whole,
           CASE WHEN u.g IS NULL THEN 0
                WHEN ST_Dimension(s.g) = 2 THEN ST_Area(ST_Intersection(s.g, u.g))
                ELSE ST_Length(ST_Intersection(s.g, u.g)) END AS inside
    FROM subject s CROSS JOIN surveyed u
)
SELECT COALESCE((SELECT sum(whole) FROM measured), 0) AS whole,
       COALESCE((SELECT sum(inside) FROM measured), 0) AS inside,
       (SELECT array_agg(code ORDER BY code) FROM touched) AS compounds
