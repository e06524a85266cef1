-- Run by every new pooled connection (HikariCP connectionInitSql) before it serves a request. A backend's first
-- ST_Transform opens PROJ's database and builds the transformation: 60 ms for the first, 27 ms for each further
-- pair of CRSs (PostGIS 3, measured on the 1 M-pipe city), which the first tile or page on that connection paid
-- (the p99 of issue 13's tiles). PostGIS keeps what it built per backend, so it is built here once for the pairs the
-- server uses: the working CRS to and from CRS84 (4326), from CGCS2000 (4490), and to and from WebMercator (3857:
-- tiles project their search box into the working CRS, 63 ms on a connection's first tile before it was built here).
-- PostGIS keys each transformation by its direction, so a pair used both ways is built both ways.
-- ${srid} is the working SRID. A database that has no PostGIS yet (before the first migration) is left alone, and
-- a failed warm-up only costs the speed it was for.
DO $warm_up$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis') THEN
        PERFORM ST_Transform(ST_Transform(ST_SetSRID(ST_Point(117, 32), 4326), ${srid}), 4326),
                ST_Transform(ST_Transform(ST_SetSRID(ST_Point(117, 32), 4490), ${srid}), 3857),
                ST_Transform(ST_SetSRID(ST_Point(13024380, 3763310), 3857), ${srid}); -- 117 E, 32 N in WebMercator
    END IF;
EXCEPTION WHEN OTHERS THEN
    NULL;
END
$warm_up$
