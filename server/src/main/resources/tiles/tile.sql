-- One vector tile (issue 13), parameters: z, x, y (ST_TileEnvelope: x is the column, y the row from the top),
-- the margin of the search box as a fraction of the tile (buffer / extent), the working SRID, the simplification
-- tolerance in EPSG:3857 metres. The search box is the buffered envelope transformed into the working CRS once
-- (scalar subquery), so that "geom && box" is answered by the GiST index on each table's geom.
WITH tile AS (
    SELECT ST_TileEnvelope(?, ?, ?) AS envelope,
           ST_Transform(ST_TileEnvelope(?, ?, ?, margin => ?), ?::integer) AS search_box,
           CAST(? AS double precision) AS tolerance
)
SELECT ${layers} AS mvt
