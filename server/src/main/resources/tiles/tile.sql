-- One vector tile (issue 13), parameters: z, x, y (ST_TileEnvelope: x is the column, y the row from the top),
-- the margin of the search box as a fraction of the tile (buffer / extent), the working SRID, the simplification
-- tolerance in EPSG:3857 metres. The search box is the buffered envelope (margin_box, EPSG:3857, for the overview
-- tables which are in it) transformed into the working CRS once (scalar subquery), so that "geom && box" is
-- answered by the GiST index on each table's geom.
WITH e AS (
    SELECT ST_TileEnvelope(?, ?, ?) AS envelope, ST_TileEnvelope(?, ?, ?, margin => ?) AS margin_box
), tile AS (
    SELECT envelope, margin_box, ST_Transform(margin_box, ?::integer) AS search_box, CAST(? AS double precision) AS tolerance
      FROM e
)
SELECT ${layers} AS mvt
